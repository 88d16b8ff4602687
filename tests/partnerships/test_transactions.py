"""A service that changes several rows changes all of them or none: a failure on the last
write leaves nothing half done."""

import datetime
from unittest import mock

import pytest

from partnerships.models import Amendment, Commitment, Notice, Signature
from partnerships.services.amendments import amendment_create, amendment_submit, signature_create
from partnerships.services.parties import notice_give
from tests.factories import CommitmentFactory

R = "test"


class Boom(Exception):
    pass


def test_notice_failing_on_the_last_write_leaves_nothing(partnership_a, org_a, staff):
    party = partnership_a.participations.get(organisation=org_a)
    with mock.patch("partnerships.services.money.cancel_payments_after", side_effect=Boom):
        with pytest.raises(Boom):
            notice_give(
                partnership=partnership_a,
                kind=Notice.Kind.PARTY,
                participation=party,
                given_on=datetime.date(2024, 3, 1),
                actor=staff,
                reason="Parten säger upp sig",
            )
    assert not Notice.objects.exists()
    party.refresh_from_db()
    assert party.left_on is None and party.leave_reason == ""
    assert not party.history.filter(history_change_reason__contains="Parten säger upp").exists()


def test_last_signature_failing_to_put_the_amendment_in_force_leaves_nothing(partnership_a, staff):
    annex = partnership_a.annexes.get()
    commitment = CommitmentFactory(annex=annex, title="Läxhjälp", description="Två dagar.")
    amendment = amendment_create(
        partnership=partnership_a,
        target=Amendment.Target.COMMITMENT,
        commitment=commitment,
        title="Mer läxhjälp",
        changes={"description": "Tre dagar."},
        actor=staff,
        reason=R,
    )
    amendment_submit(amendment, actor=staff, reason=R)
    parties = list(partnership_a.participations.all())

    def sign(party):
        return signature_create(
            partnership=partnership_a,
            document=Signature.Document.AMENDMENT,
            amendment=amendment,
            participation=party,
            signatory_name="Namn",
            signed_on=datetime.date(2024, 5, 1),
            actor=staff,
            reason=R,
        )

    sign(parties[0])
    # The last write of the last signature (the amendment's step to "in force") fails.
    with mock.patch("partnerships.services.amendments._amendment_step", side_effect=Boom):
        with pytest.raises(Boom):
            sign(parties[1])
    assert Signature.objects.filter(amendment=amendment).count() == 1
    assert Commitment.objects.get(pk=commitment.pk).description == "Två dagar."
    assert Amendment.objects.get(pk=amendment.pk).status == Amendment.Status.AWAITING
