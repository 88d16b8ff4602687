"""The lifecycle state machine: every allowed step and every refused one."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import LifecycleStep, Partnership, Signature
from partnerships.services.amendments import signature_create
from partnerships.states import TRANSITIONS, transition
from tests.factories import ParticipationFactory, PartnershipFactory

S = Partnership.Status
ALLOWED = [(src, dst) for src, targets in TRANSITIONS.items() for dst in targets]
REFUSED = [(src, dst) for src in S for dst in S if dst not in TRANSITIONS[src]]


def _sign_all(partnership, staff):
    for party in partnership.participations.all():
        signature_create(
            partnership=partnership,
            document=Signature.Document.AGREEMENT,
            participation=party,
            signatory_name="Firmatecknare",
            signed_on=date(2024, 1, 1),
            actor=staff,
            reason="Undertecknat",
        )


@pytest.mark.parametrize("src, dst", ALLOWED)
def test_allowed_step_is_taken_and_recorded(staff, src, dst):
    partnership = PartnershipFactory(status=src)
    ParticipationFactory(partnership=partnership)
    if dst == S.SIGNED:
        _sign_all(partnership, staff)
    step = transition(
        partnership, dst, actor=staff, reason="Enligt plan", decision_reference="Nämndbeslut 1"
    )
    partnership.refresh_from_db()
    assert partnership.status == dst
    assert (step.from_status, step.to_status, step.actor, step.reason) == (
        src,
        dst,
        staff,
        "Enligt plan",
    )
    assert step.decision_reference == "Nämndbeslut 1"
    latest = partnership.history.first()
    assert latest.history_user == staff
    assert "Enligt plan" in latest.history_change_reason


@pytest.mark.parametrize("src, dst", REFUSED)
def test_refused_step_changes_nothing(staff, src, dst):
    partnership = PartnershipFactory(status=src)
    with pytest.raises(ValidationError) as excinfo:
        transition(partnership, dst, actor=staff, reason="Försök", decision_reference="x")
    assert "kan inte bli" in " ".join(excinfo.value.messages)
    partnership.refresh_from_db()
    assert partnership.status == src
    assert not LifecycleStep.objects.exists()


def test_signed_needs_every_current_partys_signature(staff):
    partnership = PartnershipFactory(status=S.DECIDED)
    first = ParticipationFactory(partnership=partnership)
    second = ParticipationFactory(partnership=partnership)
    signature_create(
        partnership=partnership,
        document=Signature.Document.AGREEMENT,
        participation=first,
        signatory_name="A",
        signed_on=date(2024, 1, 1),
        actor=staff,
        reason="Undertecknat",
    )
    with pytest.raises(ValidationError) as excinfo:
        transition(partnership, S.SIGNED, actor=staff, reason="Klart")
    assert second.organisation.name in excinfo.value.messages[0]


def test_decided_needs_a_decision(staff):
    partnership = PartnershipFactory(status=S.NEGOTIATION)
    with pytest.raises(ValidationError) as excinfo:
        transition(partnership, S.DECIDED, actor=staff, reason="Beslutat")
    assert "decision_reference" in excinfo.value.error_dict


def test_reason_is_required(staff):
    partnership = PartnershipFactory(status=S.DRAFT)
    with pytest.raises(ValidationError):
        transition(partnership, S.NEGOTIATION, actor=staff, reason="  ")
