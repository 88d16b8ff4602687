"""The portfolio's reporting sections (iop/pages/portfolio.py composes them): each NGO party's
activity reports due in a year, how many were handed in, accepted and are late, and the latest
annual compilation's assessment of each goal.

"Due" and "late" are the stored deadlines' (one row a period and party, reporting/deadlines.py,
`done` when handed in), "late" by their SQL rule `late_q` (the twin of `is_late`); handed in and
accepted are the reports' own statuses (`HANDED_IN`, `ActivityReportQuerySet.accepted`).
"""

from collections import defaultdict

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from partnerships.models import StoredDeadline
from partnerships.models.deadlines import late_q
from reporting.models import ActivityReport, AnnualCompilation
from reporting.models.review import HANDED_IN, Status

REPORT_KIND = "report_due"
COMPLIANCE_KEYS = ("due", "handed_in", "accepted", "late")


def compliance(ids, year, today):
    """{id: {due, handed_in, accepted, late}} for the reports due in the calendar year `year`:
    two grouped queries."""
    found = defaultdict(lambda: dict.fromkeys(COMPLIANCE_KEYS, 0))
    deadlines = (
        StoredDeadline.objects.filter(partnership_id__in=ids, kind=REPORT_KIND, due__year=year)
        .values("partnership_id")
        # Named apart from the field "due", which `late_q` reads.
        .annotate(expected=Count("pk"), overdue=Count("pk", filter=late_q(today)))
        .order_by()
    )
    reports = (
        ActivityReport.objects.filter(
            period__partnership_id__in=ids, period__due_date__year=year, status__in=HANDED_IN
        )
        .values("period__partnership_id")
        .annotate(
            handed_in=Count("pk"),
            accepted=Count("pk", filter=Q(status=Status.ACCEPTED)),
        )
        .order_by()
    )
    for row in deadlines:
        found[row["partnership_id"]].update(due=row["expected"], late=row["overdue"])
    for row in reports:
        found[row.pop("period__partnership_id")].update(row)
    return found


def late_by_year(partnerships, today):
    """{year: reports late} of every partnership of the queryset, for the trend chart."""
    rows = (
        StoredDeadline.objects.filter(partnership__in=partnerships.values("pk"), kind=REPORT_KIND)
        .filter(late_q(today))
        .annotate(year=ExtractYear("due"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("year", "n")
    )
    return {int(year): n for year, n in rows}


def latest_assessments(ids):
    """{id: (label of the year, {goal pk as text: assessment})}: the latest annual compilation
    with any assessment written, one query (every compilation of the partnerships: a few a
    year)."""
    found = {}
    rows = (
        AnnualCompilation.objects.filter(partnership_id__in=ids)
        .exclude(assessments={})
        .order_by("partnership_id", "-year")
        .only("partnership_id", "year", "year_start", "year_end", "assessments")
    )
    for compilation in rows:
        if compilation.partnership_id not in found:
            found[compilation.partnership_id] = (compilation.label, compilation.assessments)
    return found
