"""Reporting on the partnership page's overview: how many periods, how many reports handed in."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from partnerships.tabs import Panel
from reporting.models import ReportingPeriod, Status


def reporting_panel(request, partnership):
    counts = ReportingPeriod.objects.filter(partnership=partnership).aggregate(
        periods=Count("pk", distinct=True),
        submitted=Count(
            "activity_reports",
            filter=Q(activity_reports__status=Status.SUBMITTED),
            distinct=True,
        ),
    )
    return Panel(
        anchor="rapportering",
        title=_("Rapportering"),
        template="reporting/panel.html",
        context={"partnership_id": partnership.pk, **counts},
    )
