"""Reporting on the partnership page's overview: how many periods, how many reports handed in."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from iop.prepared import Param, PreparedQuery
from partnerships.tabs import Panel
from reporting.models import ReportingPeriod, Status

# Compiled once (iop/prepared.py): the partnership's reporting periods and the reports handed
# in and waiting for review, in one row.
_COUNTS = PreparedQuery(
    lambda: (
        ReportingPeriod.objects.filter(partnership_id=Param("partnership"))
        .values("partnership_id")
        .annotate(
            periods=Count("pk", distinct=True),
            submitted=Count(
                "activity_reports",
                filter=Q(activity_reports__status=Status.SUBMITTED),
                distinct=True,
            ),
        )
        .values("periods", "submitted")
        .order_by()
    )
)


def reporting_panel(request, partnership):
    rows = _COUNTS.dicts(partnership=partnership.pk)
    counts = rows[0] if rows else {"periods": 0, "submitted": 0}
    return Panel(
        anchor="rapportering",
        title=_("Rapportering"),
        template="reporting/panel.html",
        context={"partnership_id": partnership.pk, **counts},
    )
