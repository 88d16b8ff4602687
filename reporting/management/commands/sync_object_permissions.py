from django.core.management.base import BaseCommand

from partnerships.grants import grant_to_organisation, sync_all
from reporting.models import ActivityReport, FeedbackEntry, FinancialStatement
from reporting.services.feedback import FEEDBACK_PERMS
from reporting.services.reports import REPORT_PERMS
from reporting.services.statements import STATEMENT_PERMS


class Command(BaseCommand):
    help = (
        "Rebuild the organisation groups and their object permissions from the data "
        "(run once after switching an existing database to object permissions)."
    )

    def handle(self, *args, **options):
        sync_all()
        resync_reporting_grants()
        self.stdout.write(self.style.SUCCESS("Object permissions rebuilt."))


def resync_reporting_grants():
    """Grant every organisation's group its reports, statements and feedback again."""
    for report in ActivityReport.objects.all():
        grant_to_organisation(report.organisation_id, REPORT_PERMS, report)
    for statement in FinancialStatement.objects.select_related("annex__participation"):
        grant_to_organisation(
            statement.annex.participation.organisation_id, STATEMENT_PERMS, statement
        )
    for entry in FeedbackEntry.objects.all():
        grant_to_organisation(entry.organisation_id, FEEDBACK_PERMS, entry)
