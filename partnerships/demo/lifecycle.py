"""Demo: the committee case of 2023-12-12 and the lifecycle steps of both seed agreements;
then, day by day up to the day the demo is loaded, the automatic extensions the dates give
(the bilagor following with their compensation) and the end once the last possible end has
passed, each on its own day.

Safe to run twice: each part is skipped when it is already there. The base loader has already
set the partnerships' status (Bostad Först active; ensamkommande ended 2024-06-30), so the steps
are recorded as what happened, on the dates of the documents, without moving the status again.
"""

from datetime import date, timedelta

from iop.history import save_with_history
from partnerships import period_rules
from partnerships.demo.clock import at, on_day
from partnerships.demo.load import add_compensations
from partnerships.models import (
    CommitteeCase,
    Extension,
    LifecycleStep,
    Partnership,
    PaymentPlan,
)
from partnerships.services.annexes import annex_update
from partnerships.services.committee import committee_decision_create
from partnerships.services.extensions import extensions_apply, partnership_end_if_expired
from partnerships.services.money import payments_generate

S = Partnership.Status


def _case(ctx, item):
    partnership = ctx.partnerships.get(item["partnership"])
    if partnership is None:
        return None
    existing = CommitteeCase.objects.filter(partnership=partnership, title=item["title"]).first()
    if existing:
        return existing.decisions.first()
    when = at(item["proposal_date"])
    reason = "Demodata: tjänsteutlåtande till socialnämnden"
    case = save_with_history(
        CommitteeCase(
            partnership=partnership,
            title=item["title"],
            proposal_date=item["proposal_date"],
            registration_number=item.get("registration_number", ""),
            handler=item.get("handler", ""),
            summary=item.get("summary", ""),
        ),
        actor=ctx.actor,
        reason=reason,
        history_date=when,
    )
    decided_on = item.get("decision_date", item["proposal_date"])
    return committee_decision_create(
        case=case,
        decided_on=decided_on,
        registration_number=item.get("registration_number", ""),
        points=item.get("decision_points", []),
        delegations=[
            {"to_whom": d["to"], "scope": d["scope"], "kind": d["kind"]}
            for d in item.get("delegations", [])
        ],
        actor=ctx.actor,
        reason="Demodata: socialnämndens beslut",
        history_date=at(decided_on),
    )


def _step(ctx, partnership, src, dst, day, reason, decision=None, reference=""):
    save_with_history(
        LifecycleStep(
            partnership=partnership,
            from_status=src,
            to_status=dst,
            occurred_on=day,
            recorded_at=at(day),
            actor=ctx.actor,
            reason=reason,
            committee_decision=decision,
            decision_reference=reference,
        ),
        actor=ctx.actor,
        reason=reason,
        history_date=at(day),
    )


def load(ctx):
    decisions = {}
    for item in getattr(ctx.data, "COMMITTEE_CASES", []):
        decision = _case(ctx, item)
        if decision is not None:
            decisions[item["partnership"]] = decision

    bostad = ctx.partnerships.get("bostad-forst")
    if bostad is not None and not bostad.lifecycle_steps.exists():
        _step(
            ctx,
            bostad,
            S.SIGNED,
            S.ACTIVE,
            bostad.start_date,
            "Demodata: huvudavtalet SOF 2023/202 gäller från 2023-07-01",
        )

    # Bostad Först's automatic extensions: `extensions`, on the days they happened.

    ensam = ctx.partnerships.get("ensamkommande")
    if ensam is not None and not ensam.lifecycle_steps.exists():
        _step(
            ctx,
            ensam,
            S.SIGNED,
            S.ACTIVE,
            ensam.start_date,
            "Demodata: överenskommelsen 2.11.6-167/2019 gäller från 2019-09-01",
        )
        _step(
            ctx,
            ensam,
            S.ACTIVE,
            S.TERMINATING,
            date(2023, 12, 12),
            "Socialnämnden godkänner partnerskapet till och med juni 2024, därefter avslutas "
            "det i sin nuvarande form",
            decision=decisions.get("ensamkommande"),
        )
        _step(
            ctx,
            ensam,
            S.TERMINATING,
            S.ENDED,
            date(2024, 6, 30),
            "Partnerskapet avslutat enligt socialnämndens beslut 2023-12-12",
            decision=decisions.get("ensamkommande"),
        )
    if ensam is not None and not ensam.extensions.exists():
        save_with_history(
            Extension(
                partnership=ensam,
                kind=Extension.Kind.AGREEMENT,
                made_on=date(2020, 5, 29),
                previous_end_date=date(2020, 8, 31),
                new_end_date=date(2021, 8, 31),
                reason="Demodata: skriftlig överenskommelse om förlängning med 12 månader",
            ),
            actor=ctx.actor,
            reason="Demodata: förlängning 2020",
            history_date=at(date(2020, 5, 29)),
        )


def extensions(ctx, before_each=None):
    """Each automatic extension that has happened by `ctx.today`, on the day after its last
    notice day, with the bilagor extended alongside and their compensation for the new period.
    `before_each(day)` runs first on each such day (the payments due by then are paid, so
    that planning the new period's payments leaves the paid ones as they are). Yields each
    day an extension was made, for the other apps to follow (reporting periods)."""
    for partnership in ctx.partnerships.values():
        if partnership.extension_kind != Partnership.ExtensionKind.AUTOMATIC:
            continue
        while True:
            partnership.refresh_from_db()
            rule = period_rules.rule_for(partnership)
            deadline = period_rules.notice_last_day(rule, partnership.end_date)
            if deadline is None or deadline >= ctx.today or partnership.end_date >= rule.last:
                break
            day = deadline + timedelta(days=1)
            if before_each is not None:
                before_each(day)
            with on_day(day):
                made = extensions_apply(partnership, on=day, actor=ctx.actor, history_at=at)
                if not made:
                    break
                new_end = made[-1].new_end_date
                reason = "Demodata: bilagan förlängs med huvudavtalet till " + new_end.isoformat()
                for annex in partnership.annexes.filter(end_date__lt=new_end):
                    annex_update(annex, actor=ctx.actor, reason=reason, end_date=new_end)
                    add_compensations(ctx, annex, until=new_end, when=at(day), reason=reason)
                    if PaymentPlan.objects.filter(annex=annex).exists():
                        payments_generate(annex=annex, actor=ctx.actor, reason=reason)
            partnership.refresh_from_db()
            yield partnership, day


def end_run_out(ctx):
    """Close each partnership whose last possible end has passed by `ctx.today`, on the day
    after its end ("Avtalstiden löpte ut"), as the daily `apply_extensions` would have."""
    for partnership in ctx.partnerships.values():
        partnership.refresh_from_db()
        if not partnership.has_run_out(ctx.today):
            continue
        with on_day(partnership.end_date + timedelta(days=1)):
            partnership_end_if_expired(partnership, on=ctx.today, actor=ctx.actor)
        partnership.refresh_from_db()
