"""The partnership's lifecycle: the one place that says which status may follow which.

utkast → förhandling → beslutad → undertecknad → aktiv → under uppsägning → avslutad, and hävd.
Every view and command changes a partnership's status through `transition`, which records the
step (who, when, why, the decision behind it) and refuses anything else with a Swedish message.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from iop.history import save_with_history
from partnerships.models import LifecycleStep, Partnership

S = Partnership.Status

TRANSITIONS = {
    S.DRAFT: [S.NEGOTIATION],
    S.NEGOTIATION: [S.DRAFT, S.DECIDED],
    S.DECIDED: [S.NEGOTIATION, S.SIGNED],
    S.SIGNED: [S.ACTIVE, S.RESCINDED],
    S.ACTIVE: [S.TERMINATING, S.ENDED, S.RESCINDED],
    S.TERMINATING: [S.ACTIVE, S.ENDED, S.RESCINDED],
    S.ENDED: [],
    S.RESCINDED: [],
}

# The statuses reached only through "undertecknad", whose guard checks that every current party
# has signed the agreement: in these the status rests on the signatures recorded by then.
SIGNED_OR_LATER = frozenset({S.SIGNED, S.ACTIVE, S.TERMINATING, S.ENDED, S.RESCINDED})

# What the button for a step says on the partnership page.
ACTION_LABELS = {
    S.DRAFT: gettext_lazy("Tillbaka till utkast"),
    S.NEGOTIATION: gettext_lazy("Inled förhandling"),
    S.DECIDED: gettext_lazy("Registrera beslut"),
    S.SIGNED: gettext_lazy("Markera som undertecknad"),
    S.ACTIVE: gettext_lazy("Aktivera"),
    S.TERMINATING: gettext_lazy("Markera som uppsagd"),
    S.ENDED: gettext_lazy("Avsluta"),
    S.RESCINDED: gettext_lazy("Häv avtalet"),
}


def allowed_transitions(partnership):
    return list(TRANSITIONS.get(partnership.status, []))


def missing_agreement_signatures(partnership, on=None):
    """The current parties that have not signed the overarching agreement."""
    from partnerships.models import Signature

    on = on or timezone.localdate()
    signed = set(
        Signature.objects.filter(
            partnership=partnership, document=Signature.Document.AGREEMENT
        ).values_list("participation_id", flat=True)
    )
    parties = partnership.participations.select_related("organisation").exclude(left_on__lt=on)
    return [party for party in parties if party.pk not in signed]


def status_rests_on(partnership, signature):
    """Whether the partnership's status rests on `signature` of the agreement: it has been marked
    as signed and the signature was on record then. One recorded after that step (a party that
    joined later) decided nothing. Without a step or a history row to compare (data entered
    before the lifecycle was recorded) it is taken to rest on it."""
    if partnership.status not in SIGNED_OR_LATER:
        return False
    step = (
        LifecycleStep.objects.filter(partnership=partnership, to_status=S.SIGNED)
        .order_by("-recorded_at")
        .values_list("recorded_at", flat=True)
        .first()
    )
    recorded = (
        type(signature)
        .history.filter(id=signature.pk, history_type="+")
        .values_list("history_date", flat=True)
        .first()
    )
    return step is None or recorded is None or recorded <= step


def _check_guards(partnership, to, decision, decision_reference, steering_decision=None):
    if to == S.DECIDED and not (decision or decision_reference or steering_decision):
        raise ValidationError(
            {"decision_reference": _("Ange beslutet som partnerskapet bygger på.")}
        )
    if to == S.SIGNED:
        missing = missing_agreement_signatures(partnership)
        if missing:
            raise ValidationError(
                _("Överenskommelsen saknar underskrift från: %(parties)s.")
                % {"parties": ", ".join(str(p.organisation) for p in missing)}
            )
        if not partnership.participations.exists():
            raise ValidationError(_("Partnerskapet har inga parter."))


@transaction.atomic
def transition(
    partnership,
    to,
    *,
    actor,
    reason,
    decision=None,
    decision_reference="",
    steering_decision=None,
    on=None,
    history_date=None,
):
    """Move the partnership to status `to`, or raise ValidationError if that step is not
    allowed from where it stands. Returns the recorded LifecycleStep."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    current = S(partnership.status)
    try:
        to = S(to)
    except ValueError:
        raise ValidationError(_("Okänd status: %(status)s.") % {"status": to}) from None
    if to not in TRANSITIONS[current]:
        allowed = ", ".join(str(s.label).lower() for s in TRANSITIONS[current]) or _("inga")
        raise ValidationError(
            _(
                "Ett partnerskap med status %(current)s kan inte bli %(to)s. "
                "Tillåtna steg: %(allowed)s."
            )
            % {
                "current": str(current.label).lower(),
                "to": str(to.label).lower(),
                "allowed": allowed,
            }
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Skriv en kort anledning till steget.")})
    _check_guards(partnership, to, decision, decision_reference, steering_decision)
    now = history_date or timezone.now()
    step = LifecycleStep(
        partnership=partnership,
        from_status=current,
        to_status=to,
        occurred_on=on or timezone.localdate(now),
        recorded_at=now,
        actor=actor,
        reason=reason,
        committee_decision=decision,
        decision_reference=decision_reference or "",
        steering_decision=steering_decision,
    )
    save_with_history(step, actor=actor, reason=reason, history_date=history_date)
    partnership.status = to
    save_with_history(
        partnership,
        actor=actor,
        reason=_("%(from)s → %(to)s: %(reason)s")
        % {"from": current.label, "to": to.label, "reason": reason},
        history_date=history_date,
    )
    return step
