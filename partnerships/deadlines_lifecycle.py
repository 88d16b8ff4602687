"""The lifecycle's deadlines: last days for notice or for an extension agreement, ends of notice
periods, agreement ends and payments due. Three queries however many partnerships."""

from datetime import date, timedelta

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from partnerships import periods
from partnerships.deadlines import Deadline, register_deadline_source
from partnerships.models import Notice, Partnership, Payment

LIVE = [
    Partnership.Status.DECIDED,
    Partnership.Status.SIGNED,
    Partnership.Status.ACTIVE,
    Partnership.Status.TERMINATING,
]
KIND_LABELS = {
    "notice_last_day": "Sista dag för uppsägning",
    "extension_agreement_last_day": "Sista dag för överenskommelse om förlängning",
    "notice_period_end": "Uppsägningstiden löper ut",
    "agreement_end": "Avtalet löper ut",
    "payment_due": "Utbetalning",
}


def lifecycle_deadlines(start, end, partnerships):
    found = []
    partnerships = (
        partnerships.filter(status__in=LIVE)
        .prefetch_related(
            Prefetch(
                "notices", queryset=Notice.objects.select_related("participation__organisation")
            ),
            "extensions",
        )
        .order_by("pk")
    )
    by_pk = {}
    for p in partnerships:
        by_pk[p.pk] = p
        url = reverse("partnerships:detail", args=[p.pk]) + "#livscykel"
        notices = list(p.notices.all())
        extensions = list(p.extensions.all())
        rule = periods.rule_for(p, extensions)
        events = periods.events_for(p, notices, extensions)
        base = {"partnership_id": p.pk, "partnership_title": p.title, "url": url}
        day = start
        while day <= end:
            nxt = periods.next_last_day(rule, day, events)
            if nxt is None or nxt[1] > end:
                break
            kind, last_day, then = nxt
            if kind == "notice":
                title = _("Sista dag att säga upp %(title)s (annars förlängs det)") % {
                    "title": p.title
                }
                key = "notice_last_day"
            else:
                title = _("Sista dag för skriftlig överenskommelse om att förlänga %(title)s") % {
                    "title": p.title
                }
                key = "extension_agreement_last_day"
            found.append(Deadline(due=last_day, kind=key, title=title, **base))
            day = last_day + timedelta(days=1)
        # The end if nobody acts: automatic extension runs on, extension by agreement does not.
        agreement_end = periods.end_on(rule, date.max, events)
        if start <= agreement_end <= end:
            found.append(
                Deadline(
                    due=agreement_end,
                    kind="agreement_end",
                    title=_("%(title)s löper ut") % {"title": p.title},
                    **base,
                )
            )
        for notice in notices:
            if (
                notice.participation_id
                and notice.effective_on
                and start <= notice.effective_on <= end
            ):
                found.append(
                    Deadline(
                        due=notice.effective_on,
                        kind="notice_period_end",
                        title=_("Uppsägningstiden löper ut för %(party)s")
                        % {"party": notice.participation.organisation.name},
                        organisation_ids=frozenset({notice.participation.organisation_id}),
                        **base,
                    )
                )
    payments = Payment.objects.filter(
        annex__partnership_id__in=list(by_pk), due_on__gte=start, due_on__lte=end
    ).select_related("annex__participation__organisation")
    for payment in payments:
        if payment.status == Payment.Status.CANCELLED:
            continue
        p = by_pk[payment.annex.partnership_id]
        organisation = payment.annex.participation.organisation
        found.append(
            Deadline(
                due=payment.due_on,
                kind="payment_due",
                title=_("Utbetalning till %(org)s") % {"org": organisation.name},
                partnership_id=p.pk,
                partnership_title=p.title,
                organisation_ids=frozenset({organisation.pk}),
                url=reverse("partnerships:annex_detail", args=[payment.annex_id])
                + "#utbetalningar",
                done=payment.status != Payment.Status.PLANNED,
            )
        )
    return found


def register():
    register_deadline_source(lifecycle_deadlines)
