"""The portfolio's partnerships sections (iop/pages/portfolio.py composes them): the parties, the
next decision days, the money of a year and its trend over the years, the open notices and the
goals. Each takes the ids of the partnerships shown (a page of them, or every one filtered, for
the spreadsheet and the PDF) and answers {partnership id: ...} in one query, whatever their
number; the trends take the filtered queryset itself.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import ExtractYear

from partnerships.models import (
    CoFinancing,
    Goal,
    Notice,
    Organisation,
    Participation,
    Payment,
    RepaymentClaim,
    StoredDeadline,
)
from partnerships.services.money import amount_paid

# The days on which someone must decide (give notice, agree an extension) or the agreement ends,
# as the stored deadlines name them (partnerships/deadlines_lifecycle.py).
DECISION_KINDS = ("notice_last_day", "extension_agreement_last_day", "agreement_end")
MONEY_KEYS = ("planned", "paid", "stopped", "reclaimed", "own_money", "volunteer_hours")


def parties(ids, today):
    """{id: [(organisation name, unit, left)]}: every party, the city's first, then by name;
    `left` whether it has left by `today` (`Participation.has_left`'s day rule)."""
    found = defaultdict(list)
    rows = (
        Participation.objects.filter(partnership_id__in=ids)
        .order_by("partnership_id", "-organisation__kind", "organisation__name", "pk")
        .values_list(
            "partnership_id", "organisation__name", "organisation__kind", "unit", "left_on"
        )
    )
    for partnership_id, name, kind, unit, left_on in rows:
        shown_unit = unit if kind == Organisation.Kind.PUBLIC else ""
        found[partnership_id].append((name, shown_unit, left_on is not None and left_on < today))
    return found


def next_decision_days(ids, today):
    """{id: {kind: day}}: the next open day of each of DECISION_KINDS from `today` on, read from
    the stored deadlines (the period rules computed them; nothing is worked out again here)."""
    upcoming = Q(done=False, due__gte=today)
    rows = (
        StoredDeadline.objects.filter(partnership_id__in=ids, kind__in=DECISION_KINDS)
        .values("partnership_id")
        .annotate(**{kind: Min("due", filter=upcoming & Q(kind=kind)) for kind in DECISION_KINDS})
        .order_by()
    )
    return {
        row.pop("partnership_id"): {k: v for k, v in row.items() if v is not None} for row in rows
    }


def money(ids, year):
    """{id: {planned, paid, stopped, reclaimed, own_money, volunteer_hours}} of the calendar year
    `year`: the payments due in it (paid as `amount_paid` counts it), the repayment claims made in
    it (written off ones too, as the Ekonomi tab counts them) and the NGOs' co-financing and
    volunteer hours recorded for it. Three queries."""
    found = defaultdict(lambda: dict.fromkeys(MONEY_KEYS, Decimal(0)))
    payments = (
        Payment.objects.filter(annex__partnership_id__in=ids, due_on__year=year)
        .values("annex__partnership_id")
        .annotate(
            planned=Sum("amount"),  # as the Ekonomi tab counts it
            paid=Sum(amount_paid(), filter=Q(status=Payment.Status.PAID)),
            stopped=Sum("amount", filter=Q(status=Payment.Status.STOPPED)),
        )
        .order_by()
    )
    claims = (
        RepaymentClaim.objects.filter(annex__partnership_id__in=ids, claimed_on__year=year)
        .values("annex__partnership_id")
        .annotate(reclaimed=Sum("amount"))
        .order_by()
    )
    co_financing = (
        CoFinancing.objects.filter(annex__partnership_id__in=ids, year=year)
        .values("annex__partnership_id")
        .annotate(own_money=Sum("amount"), volunteer_hours=Sum("volunteer_hours"))
        .order_by()
    )
    for rows in (payments, claims, co_financing):
        for row in rows:
            sums = found[row.pop("annex__partnership_id")]
            sums.update({key: value for key, value in row.items() if value is not None})
    return found


def money_by_year(partnerships):
    """{year: {planned, paid, stopped, reclaimed, own_money, volunteer_hours}} of every
    partnership of the queryset `partnerships`, counted as `money` counts a year: the filter's
    totals and the trend charts, three grouped queries."""
    found = defaultdict(lambda: dict.fromkeys(MONEY_KEYS, Decimal(0)))
    chosen = partnerships.values("pk")
    payments = (
        Payment.objects.filter(annex__partnership__in=chosen)
        .annotate(year=ExtractYear("due_on"))
        .values("year")
        .annotate(
            planned=Sum("amount"),
            paid=Sum(amount_paid(), filter=Q(status=Payment.Status.PAID)),
            stopped=Sum("amount", filter=Q(status=Payment.Status.STOPPED)),
        )
        .order_by()
    )
    claims = (
        RepaymentClaim.objects.filter(annex__partnership__in=chosen)
        .annotate(year=ExtractYear("claimed_on"))
        .values("year")
        .annotate(reclaimed=Sum("amount"))
        .order_by()
    )
    own = (
        CoFinancing.objects.filter(annex__partnership__in=chosen)
        .values("year")
        .annotate(own_money=Sum("amount"), volunteer_hours=Sum("volunteer_hours"))
        .order_by()
    )
    for rows in (payments, claims, own):
        for row in rows:
            found[int(row.pop("year"))].update(
                {key: value for key, value in row.items() if value is not None}
            )
    return dict(sorted(found.items()))


def open_notices(ids, today):
    """{id: number of notices (of the partnership or of a party) not yet in effect on `today`}:
    the notice periods still running, whose end someone must act on."""
    rows = (
        Notice.objects.filter(partnership_id__in=ids)
        .filter(Q(effective_on__isnull=True) | Q(effective_on__gte=today))
        .values("partnership_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("partnership_id", "n")
    )
    return dict(rows)


def goals(ids):
    """{id: [(goal pk, text)]} in the agreement's order."""
    found = defaultdict(list)
    rows = (
        Goal.objects.filter(partnership_id__in=ids)
        .order_by("partnership_id", "order", "pk")
        .values_list("partnership_id", "pk", "text")
    )
    for partnership_id, pk, text in rows:
        found[partnership_id].append((pk, text))
    return found
