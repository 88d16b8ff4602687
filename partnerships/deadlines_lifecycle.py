"""The lifecycle's deadlines: last days for notice or for an extension agreement, ends of notice
periods, agreement ends and payments due. One query however many partnerships: the agreement
events (notices, extensions) and the payments due in the window are read as one UNION ALL."""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import BigIntegerField, DateField, F, Q, Value
from django.db.models.functions import Cast
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy, gettext_noop

from partnerships import period_rules
from partnerships.deadlines import Deadline, DeadlineScope, Title
from partnerships.models import Extension, Notice, Partnership, Payment

LIVE = [
    Partnership.Status.DECIDED,
    Partnership.Status.SIGNED,
    Partnership.Status.ACTIVE,
    Partnership.Status.TERMINATING,
]
# The kinds of deadline `lifecycle_deadlines` gives, as Kommande labels them.
KINDS = {
    "notice_last_day": gettext_lazy("Sista dag för uppsägning"),
    "extension_agreement_last_day": gettext_lazy("Sista dag för förlängning"),
    "notice_period_end": gettext_lazy("Uppsägningstid löper ut"),
    "agreement_end": gettext_lazy("Avtalet löper ut"),
    "payment_due": gettext_lazy("Utbetalning"),
}


NOTICE, EXTENSION, PAYMENT = "notice", "extension", "payment"
AUTOMATIC_EXTENSION = Extension.Kind.AUTOMATIC


def _rows(queryset, **columns):
    """`queryset` as tuples of `columns`, in that order: one branch of a UNION."""
    return queryset.order_by().annotate(**columns).values_list(*columns)


def _lifecycle_rows(start, end, scope, live):
    """(source, partnership, kind or status, day, other day, organisation, its name, annex) for:
    every notice of a whole partnership (they decide the period) and every notice of a party
    whose notice period ends in the window; every extension; every payment due in the window
    that is not cancelled. Only the viewer's organisation's, unless all parties are wanted.
    For one organisation, the notices and extensions of its partnerships that are not live too:
    its portal shows every one's end date from them (`known_period_events`)."""

    def live_only(queryset, path):
        if scope.unrestricted:  # a join rather than a list of hundreds of ids
            return queryset.filter(**{f"{path}__status__in": LIVE})
        return queryset.filter(**{f"{path}_id__in": [p.pk for p in live]})

    def period_events_of(queryset, path):
        if scope.all_parties:
            return live_only(queryset, path)
        return queryset.filter(**{f"{path}_id__in": [p.pk for p in scope.partnerships]})

    # A party's notice that takes effect the day it is given (an agreement with no notice
    # period for a party) leaves no notice period to wait for, so no deadline.
    party_notices = Q(participation__isnull=False, effective_on__range=(start, end)) & ~Q(
        kind=Notice.Kind.PARTY, effective_on=F("given_on")
    )
    payments = live_only(Payment.objects, "annex__partnership").filter(due_on__range=(start, end))
    payments = payments.exclude(status=Payment.Status.CANCELLED)
    if not scope.all_parties:
        party_notices &= Q(participation__organisation_id=scope.organisation_id)
        payments = payments.filter(annex__participation__organisation_id=scope.organisation_id)
    no_date = Cast(Value(None), output_field=DateField())
    no_id = Cast(Value(None), output_field=BigIntegerField())
    notices = _rows(
        period_events_of(Notice.objects, "partnership").filter(
            Q(kind=Notice.Kind.PARTNERSHIP) | party_notices
        ),
        row_source=Value(NOTICE),
        row_partnership=F("partnership_id"),
        row_kind=F("kind"),
        row_day=F("given_on"),
        row_other_day=F("effective_on"),
        row_organisation=F("participation__organisation_id"),
        row_name=F("participation__organisation__name"),
        row_annex=no_id,
    )
    extensions = _rows(
        period_events_of(Extension.objects, "partnership").exclude(
            partnership__extension_kind=period_rules.NONE
        ),
        row_source=Value(EXTENSION),
        row_partnership=F("partnership_id"),
        row_kind=F("kind"),
        row_day=F("made_on"),
        row_other_day=F("previous_end_date"),
        row_organisation=no_id,
        row_name=Value(""),
        row_annex=no_id,
    )
    payments = _rows(
        payments,
        row_source=Value(PAYMENT),
        row_partnership=F("annex__partnership_id"),
        row_kind=F("status"),
        row_day=F("due_on"),
        row_other_day=no_date,
        row_organisation=F("annex__participation__organisation_id"),
        row_name=F("annex__participation__organisation__name"),
        row_annex=F("annex_id"),
    )
    return notices.union(extensions, payments, all=True)


def _shared_rows(start, end, scope, live):
    """The lifecycle rows for the window, read once per scope."""
    wanted = live or (not scope.all_parties and scope.partnerships)
    return scope.shared(
        ("partnerships.lifecycle", start, end),
        lambda: list(_lifecycle_rows(start, end, scope, live)) if wanted else [],
    )


def _notice_day_done(last_day, then, extensions, today):
    """Whether a last notice day nobody gave notice by needs nothing more done: once it has
    passed, the agreement was extended at `then` (automatic extension cannot be late), and so
    it is once that extension is recorded (the daily `apply_extensions` records it the day
    after, a write that resyncs the stored deadlines before the daily rebuild would)."""
    return last_day < today or any(
        e.kind == AUTOMATIC_EXTENSION and e.previous_end_date == then for e in extensions
    )


def _acted_on(rule, events, kind, last_day, then):
    """Whether what must be done by `last_day` has been: notice given of the whole partnership
    by then, or an extension agreed that moved the end. Such a last day is no longer a deadline,
    whatever day it is looked at from (the stored deadlines are worked out from the
    partnership's start, not from the day a page asks)."""
    if kind == "notice":
        return any(given_on <= last_day for given_on in events.notices)
    return period_rules.end_on(rule, last_day, events) >= then


def lifecycle_deadlines(start, end, scope):
    scope = DeadlineScope.of(scope)
    live = [p for p in scope.partnerships if p.status in LIVE]
    today = timezone.localdate()
    found = []
    if not live:
        return found
    notices, extensions = defaultdict(list), defaultdict(list)
    party_notices, payments = [], []
    live_pks = {p.pk for p in live}
    for row in _shared_rows(start, end, scope, live):
        source, partnership_id, kind, day, other_day, organisation_id, name, annex_id = row
        if partnership_id not in live_pks:  # made or changed since the scope was read
            continue
        if source == EXTENSION:
            extensions[partnership_id].append(period_rules.ExtensionEvent(kind, day, other_day))
        elif source == PAYMENT:
            payments.append(row)
        else:
            notices[partnership_id].append(period_rules.NoticeEvent(kind, day))
            if organisation_id is not None and other_day and start <= other_day <= end:
                party_notices.append(row)
    # Translated once, not once per deadline (hundreds at 10×).
    notice_title = Title(gettext_noop("Sista dag att säga upp %(title)s (annars förlängs det)"))
    agreement_title = Title(
        gettext_noop("Sista dag för skriftlig överenskommelse om att förlänga %(title)s")
    )
    end_title = Title(gettext_noop("%(title)s löper ut"))
    party_title = Title(gettext_noop("Uppsägningstiden löper ut för %(party)s"))
    payment_title = Title(gettext_noop("Utbetalning till %(org)s"))
    urls = {}

    def url_for(pk):
        # Made for the partnerships that have a deadline here only (a few of hundreds).
        if pk not in urls:
            urls[pk] = format_lazy(
                "{}#livscykel", reverse_lazy("partnerships:section", args=[pk, "livscykel"])
            )
        return urls[pk]

    for p in live:
        rule = period_rules.rule_for(p, extensions[p.pk])
        events = period_rules.events_for(p, notices[p.pk], extensions[p.pk])
        base = {"partnership_id": p.pk, "partnership_title": p.title}
        day = start
        while day <= end:
            nxt = period_rules.next_last_day(rule, day, events)
            if nxt is None or nxt[1] > end:
                break
            kind, last_day, then = nxt
            day = last_day + timedelta(days=1)
            if _acted_on(rule, events, kind, last_day, then):
                continue
            done = False
            if kind == "notice":
                title, key = notice_title, "notice_last_day"
                done = _notice_day_done(last_day, then, extensions[p.pk], today)
            else:
                title, key = agreement_title, "extension_agreement_last_day"
            found.append(
                Deadline(
                    due=last_day,
                    kind=key,
                    **title(title=p.title),
                    url=url_for(p.pk),
                    done=done,
                    **base,
                )
            )
        # The end if nobody acts: automatic extension runs on, extension by agreement does not.
        agreement_end = period_rules.end_on(rule, date.max, events)
        if start <= agreement_end <= end:
            found.append(
                Deadline(
                    due=agreement_end,
                    kind="agreement_end",
                    **end_title(title=p.title),
                    url=url_for(p.pk),
                    **base,
                )
            )
    by_pk = scope.by_pk
    for (
        _source,
        partnership_id,
        _kind,
        _day,
        effective_on,
        organisation_id,
        name,
        _a,
    ) in party_notices:
        found.append(
            Deadline(
                due=effective_on,
                kind="notice_period_end",
                **party_title(party=name),
                partnership_id=partnership_id,
                partnership_title=by_pk[partnership_id].title,
                organisation_ids=frozenset({organisation_id}),
                url=url_for(partnership_id),
            )
        )
    for _source, partnership_id, status, due_on, _o, organisation_id, name, annex_id in payments:
        found.append(
            Deadline(
                due=due_on,
                kind="payment_due",
                **payment_title(org=name),
                partnership_id=partnership_id,
                partnership_title=by_pk[partnership_id].title,
                organisation_ids=frozenset({organisation_id}),
                url=format_lazy(
                    "{}#utbetalningar", reverse_lazy("partnerships:annex_detail", args=[annex_id])
                ),
                done=status != Payment.Status.PLANNED,
            )
        )
    return found
