"""The agreement period running on and out: extensions agreed or automatic, and ending a
partnership whose period has run out."""

import datetime as _dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from iop.history import save_with_history
from partnerships import period_rules
from partnerships.models import Extension, Partnership
from partnerships.states import transition

# The statuses under which an automatic extension still happens: under notice the rule still
# applies, so a late notice lets the pending extensions happen.
EXTENDS = (Partnership.Status.ACTIVE, Partnership.Status.SIGNED, Partnership.Status.TERMINATING)


@transaction.atomic
def extension_agree(
    *, partnership, made_on, actor, reason, decision=None, decision_reference=""
) -> Extension:
    """A written agreement to extend (extension by agreement), made on or before its last day."""
    rule = period_rules.rule_for(partnership)
    events = period_rules.events_for(partnership)
    if rule.kind != period_rules.BY_AGREEMENT:
        raise ValidationError(_("Partnerskapet förlängs inte genom skriftlig överenskommelse."))
    current = period_rules.end_on(rule, made_on, events)
    deadline = period_rules.agreement_last_day(rule, current)
    if not current < (rule.last or current):
        raise ValidationError(_("Partnerskapet kan inte förlängas längre."))
    if made_on > deadline:
        raise ValidationError(
            {
                "made_on": _(
                    "Förlängningen skulle ha avtalats senast %(day)s, %(months)s månader före "
                    "slutdatum."
                )
                % {"day": deadline.isoformat(), "months": rule.months_before_end}
            }
        )
    new_end = min(period_rules.add_months(current, rule.months), rule.last)
    return _record_extension(
        partnership,
        Extension.Kind.AGREEMENT,
        made_on,
        current,
        new_end,
        actor=actor,
        reason=reason,
        decision=decision,
        decision_reference=decision_reference,
    )


def _record_extension(
    partnership, kind, made_on, old_end, new_end, *, actor, reason, history_date=None, **decision
):
    extension = save_with_history(
        Extension(
            partnership=partnership,
            kind=kind,
            made_on=made_on,
            previous_end_date=old_end,
            new_end_date=new_end,
            reason=reason,
            committee_decision=decision.get("decision"),
            decision_reference=decision.get("decision_reference") or "",
        ),
        actor=actor,
        reason=reason,
        history_date=history_date,
    )
    partnership.end_date = new_end
    save_with_history(
        partnership,
        actor=actor,
        reason=_("%(kind)s till %(end)s: %(reason)s")
        % {"kind": extension.get_kind_display(), "end": new_end.isoformat(), "reason": reason},
        history_date=history_date,
    )
    return extension


@transaction.atomic
def extensions_apply(partnership, *, on, actor, history_at=None):
    """Apply the automatic extensions whose last notice day has passed without notice; one
    recorded Extension per step. Returns the new Extension rows. `history_at(day)` dates the
    history rows (the demo dates them on the day after each notice day)."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if partnership.extension_kind != Partnership.ExtensionKind.AUTOMATIC:
        return []
    rule = period_rules.rule_for(partnership)
    events = period_rules.events_for(partnership)
    target = period_rules.end_on(rule, on, events)
    created = []
    while partnership.end_date < target:
        old_end = partnership.end_date
        deadline = period_rules.notice_last_day(rule, old_end)
        extended_on = deadline + _dt.timedelta(days=1)
        # Decided by the status on the day the extension happened, as the dates give it, not
        # on `on` (by then a partnership whose extensions ran out is ended, which is what
        # these very extensions decide).
        if partnership.status_on(extended_on) not in EXTENDS:
            break
        new_end = min(period_rules.add_months(old_end, rule.months), rule.last)
        reason = _(
            "Ingen uppsägning senast %(deadline)s: förlängs automatiskt från %(old)s till %(new)s"
        ) % {
            "deadline": deadline.isoformat(),
            "old": old_end.isoformat(),
            "new": new_end.isoformat(),
        }
        if rule.funds_condition:
            reason += _(" (förutsatt att medel finns)")
        created.append(
            _record_extension(
                partnership,
                Extension.Kind.AUTOMATIC,
                extended_on,
                old_end,
                new_end,
                actor=actor,
                reason=reason,
                history_date=history_at(extended_on) if history_at else None,
            )
        )
    return created


@transaction.atomic
def partnership_end_if_expired(partnership, *, on, actor):
    """Close an active or terminating partnership whose end date has passed and that cannot be
    extended any more. Returns the LifecycleStep, or None."""
    if not partnership.has_run_out(on):
        return None
    if partnership.end_as_of(on) > partnership.end_date:
        return None  # an extension is still to be written first (extensions_apply)
    return transition(
        partnership,
        Partnership.Status.ENDED,
        actor=actor,
        reason=_("Avtalstiden löpte ut %(end)s") % {"end": partnership.end_date.isoformat()},
        on=partnership.end_date + _dt.timedelta(days=1),
    )
