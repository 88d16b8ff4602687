"""The portfolio's governance sections (iop/pages/portfolio.py composes them): the meetings held
in a year against the groups' cadence, the meetings and chair terms overdue, the groups without a
chair today and the open remediation plans.

Overdue is the stored deadlines' rule (`late_q`, the twin of `is_late`), over the rows the
cadence and the chair terms gave (governance/deadlines.py); the cadence's interval is the
group's own (`Group.cadence_months_at`).
"""

from collections import defaultdict
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q

from governance.models import ChairTerm, Group, Meeting, RemediationPlan
from partnerships.models import StoredDeadline
from partnerships.models.deadlines import late_q

GOVERNANCE_KEYS = ("held", "expected", "late_meetings", "late_chairs", "without_chair")
OPEN_PLANS = (
    RemediationPlan.Status.REQUESTED,
    RemediationPlan.Status.SUBMITTED,
    RemediationPlan.Status.REJECTED,
)


def compliance(ids, year, today):
    """{id: {held, expected, late_meetings, late_chairs, without_chair}}: the meetings held in the
    calendar year, those the groups' cadence asks for in it (a group meeting every third month:
    four), the meetings and chair terms overdue today and the groups with no chair today. Three
    queries."""
    found = defaultdict(lambda: dict.fromkeys(GOVERNANCE_KEYS, 0))
    chair_today = ChairTerm.objects.filter(group_id=OuterRef("pk"), start__lte=today).filter(
        Q(end__isnull=True) | Q(end__gte=today)
    )
    groups = (
        Group.objects.filter(partnership_id__in=ids)
        .annotate(
            held=Count(
                "meetings",
                filter=Q(meetings__status=Meeting.Status.HELD, meetings__date__year=year),
            ),
            has_chair=Exists(chair_today),
        )
        .order_by()
    )
    middle = date(year, 7, 1)
    for group in groups:
        sums = found[group.partnership_id]
        sums["held"] += group.held
        months = group.cadence_months_at(middle)
        if months:
            sums["expected"] += 12 // months
        if not group.has_chair:
            sums["without_chair"] += 1
    overdue = (
        StoredDeadline.objects.filter(
            partnership_id__in=ids, kind__in=("meeting_due", "chair_term_end")
        )
        .filter(late_q(today))
        .values("partnership_id")
        .annotate(
            late_meetings=Count("pk", filter=Q(kind="meeting_due")),
            late_chairs=Count("pk", filter=Q(kind="chair_term_end")),
        )
        .order_by()
    )
    for row in overdue:
        found[row.pop("partnership_id")].update(row)
    return found


def open_remediation_plans(ids):
    """{id: number of remediation plans asked for and not accepted}: one query."""
    rows = (
        RemediationPlan.objects.filter(group__partnership_id__in=ids, status__in=OPEN_PLANS)
        .values("group__partnership_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("group__partnership_id", "n")
    )
    return dict(rows)
