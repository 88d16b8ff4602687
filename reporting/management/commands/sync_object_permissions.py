from django.core.management.base import BaseCommand

from partnerships.access import sync_all


class Command(BaseCommand):
    help = (
        "Rebuild the organisation groups and their object permissions from the data "
        "(run once after switching an existing database to object permissions)."
    )

    def handle(self, *args, **options):
        from reporting.hooks import resync_reporting_grants

        sync_all()
        resync_reporting_grants()
        self.stdout.write(self.style.SUCCESS("Object permissions rebuilt."))
