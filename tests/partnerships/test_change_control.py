"""Change control after signing (issue 14, point 3): once every party has signed, the terms
change only through an amendment; a slip in a name or diarienummer is a recorded rättelse."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from iop.concurrency import current_version
from partnerships.models import Amendment, Correction, Goal, Partnership, Signature
from partnerships.services.agreements import goal_create, partnership_update
from partnerships.services.amendments import amendment_create, amendment_submit, signature_create
from partnerships.services.annexes import commitment_update, compensation_update
from partnerships.services.corrections import correction_create
from tests.factories import (
    AnnexFactory,
    CommitmentFactory,
    CompensationFactory,
    GoalFactory,
    ParticipationFactory,
    PartnershipFactory,
    before_signing,
    sign_by_every_party,
)

LOCKED = "Avtalet är undertecknat"


@pytest.fixture
def signed(partnership_a, staff):
    """Partnerskap med A, signed by the city and A (the factory's status is "aktiv")."""
    sign_by_every_party(partnership_a, staff)
    return partnership_a


@pytest.mark.parametrize(
    "status, locked",
    [
        (Partnership.Status.DRAFT, False),
        (Partnership.Status.NEGOTIATION, False),
        (Partnership.Status.DECIDED, False),
        (Partnership.Status.SIGNED, True),
        (Partnership.Status.ACTIVE, True),
        (Partnership.Status.TERMINATING, True),
        (Partnership.Status.ENDED, True),
        (Partnership.Status.RESCINDED, True),
    ],
)
def test_the_terms_lock_when_the_agreement_is_signed(db, status, locked):
    assert PartnershipFactory.build(status=status).terms_locked is locked


def test_a_bilaga_locks_with_its_partys_signature(signed, staff, org_b):
    annex = signed.annexes.get()
    assert annex.terms_locked
    # A party joining later: its bilaga stays open until it signs it.
    late = ParticipationFactory(partnership=signed, organisation=org_b)
    new_annex = AnnexFactory(partnership=signed, participation=late)
    assert not new_annex.terms_locked
    CommitmentFactory(annex=new_annex)  # still free
    signature_create(
        partnership=signed,
        participation=late,
        document=Signature.Document.ANNEX,
        annex=new_annex,
        signatory_name="Firmatecknare B",
        signed_on=date(2024, 2, 1),
        actor=staff,
        reason="Undertecknad bilaga",
    )
    new_annex.refresh_from_db()
    assert Partnership.objects.get(pk=signed.pk).annexes.get(pk=new_annex.pk).terms_locked


def test_editing_a_signed_agreements_terms_is_refused_and_nothing_changes(signed, staff):
    with pytest.raises(ValidationError, match=LOCKED):
        partnership_update(signed, end_date=date(2030, 12, 31), actor=staff, reason="Längre")
    with pytest.raises(ValidationError, match=LOCKED):
        goal_create(partnership=signed, text="Nytt mål", order=9, actor=staff, reason="x")
    annex = signed.annexes.get()
    commitment = CommitmentFactory(annex=annex, description="Tre dagar")
    compensation = CompensationFactory(annex=annex)
    with pytest.raises(ValidationError, match=LOCKED):
        commitment_update(commitment, description="Fem dagar", actor=staff, reason="x")
    with pytest.raises(ValidationError, match=LOCKED):
        compensation_update(compensation, amount=1, actor=staff, reason="x")
    signed.refresh_from_db()
    commitment.refresh_from_db()
    assert signed.end_date == date(2024, 12, 31)
    assert commitment.description == "Tre dagar"
    assert not signed.goals.exists()


def test_before_signing_editing_stays_free(partnership_a, staff):
    partnership_a.status = Partnership.Status.NEGOTIATION  # fixture set-up, not a step
    partnership_a.save()
    partnership_update(partnership_a, end_date=date(2025, 6, 30), actor=staff, reason="Förhandlat")
    partnership_a.refresh_from_db()
    assert partnership_a.end_date == date(2025, 6, 30)


def test_the_edit_page_of_a_signed_agreement_points_to_an_amendment(staff_client, signed):
    page = staff_client.get(reverse("partnerships:edit", args=[signed.pk])).content.decode()
    assert LOCKED in page
    assert reverse("partnerships:amendment_create", args=[signed.pk]) in page
    assert reverse("partnerships:partnership_correct", args=[signed.pk]) in page
    assert 'name="end_date"' not in page
    # The partnership page offers "Ny ändring" and "Rättelse" instead of "Ändra".
    detail = staff_client.get(signed.get_absolute_url()).content.decode()
    assert reverse("partnerships:edit", args=[signed.pk]) not in detail
    assert reverse("partnerships:partnership_correct", args=[signed.pk]) in detail


def test_a_posted_edit_is_refused_with_what_was_typed_kept(staff_client, signed):
    response = staff_client.post(
        reverse("partnerships:edit", args=[signed.pk]),
        {
            "title": signed.title,
            "registration_number": signed.registration_number,
            "start_date": "2024-01-01",
            "end_date": "2031-12-31",
            "extension_kind": "none",
            "funds_condition": "on",
            "party_notice_months": "4",
            "termination_notice_months": "3",
            "purpose": "Ett helt nytt syfte",
            "reason": "Förlängt",
            "version": current_version(signed),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert LOCKED in page
    assert "Ett helt nytt syfte" in page and "2031-12-31" in page
    signed.refresh_from_db()
    assert signed.end_date == date(2024, 12, 31)
    assert signed.purpose == "Att stödja målgruppen."


def test_the_agreement_text_and_bilaga_hide_the_edit_links_once_signed(staff_client, signed):
    goal = GoalFactory(partnership=signed)
    text = staff_client.get(reverse("partnerships:agreement_text", args=[signed.pk]))
    page = text.content.decode()
    assert reverse("partnerships:goal_edit", args=[goal.pk]) not in page
    assert reverse("partnerships:goal_create", args=[signed.pk]) not in page
    assert LOCKED in page
    annex = signed.annexes.get()
    commitment = CommitmentFactory(annex=annex)
    page = staff_client.get(annex.get_absolute_url()).content.decode()
    assert reverse("partnerships:commitment_edit", args=[commitment.pk]) not in page
    assert reverse("partnerships:annex_edit", args=[annex.pk]) not in page
    assert reverse("partnerships:annex_correct", args=[annex.pk]) in page
    # ...and a changed term is proposed as an amendment of that commitment.
    assert f"?atagande={commitment.pk}" in page
    locked = staff_client.get(reverse("partnerships:commitment_edit", args=[commitment.pk]))
    assert LOCKED in locked.content.decode()


def test_a_rattelse_needs_a_reason_and_changes_nothing_without_one(staff_client, signed):
    url = reverse("partnerships:partnership_correct", args=[signed.pk])
    response = staff_client.post(
        url,
        {
            "title": signed.title,
            "registration_number": "SOF 2024/999",
            "reason": "",
            "version": current_version(signed),
        },
    )
    page = response.content.decode()
    assert "Skriv varför uppgiften rättas." in page
    assert "SOF 2024/999" in page  # what was typed stays
    signed.refresh_from_db()
    assert signed.registration_number != "SOF 2024/999"
    assert not Correction.objects.exists()


def test_a_rattelse_is_recorded_and_shown_in_history_and_on_the_page(staff_client, signed):
    old = signed.registration_number
    response = staff_client.post(
        reverse("partnerships:partnership_correct", args=[signed.pk]),
        {
            "title": signed.title,
            "registration_number": "SOF 2024/555",
            "reason": "Fel dnr",
            "version": current_version(signed),
        },
    )
    assert response.status_code == 302
    signed.refresh_from_db()
    assert signed.registration_number == "SOF 2024/555"
    correction = Correction.objects.get()
    assert correction.reason == "Fel dnr"
    assert old in correction.corrected and "SOF 2024/555" in correction.corrected
    assert signed.history.first().history_change_reason == "Rättelse: Fel dnr"
    today = timezone.localdate().isoformat()
    text = staff_client.get(response["Location"]).content.decode()
    assert f"Rättad {today}: Fel dnr" in text
    history = staff_client.get(reverse("partnerships:history", args=[signed.pk])).content.decode()
    assert "<strong>Rättelse</strong>" in history
    assert "Rättelse: Fel dnr" in history


def test_a_rattelse_cannot_change_a_term(signed, staff):
    with pytest.raises(ValidationError):
        correction_create(target=signed, end_date=date(2030, 1, 1), actor=staff, reason="Fel")
    with pytest.raises(ValidationError, match="Inget är ändrat"):
        correction_create(target=signed, title=signed.title, actor=staff, reason="Fel")
    assert not Correction.objects.exists()


def test_a_bilagas_dnr_is_corrected_on_its_page(staff_client, signed):
    annex = signed.annexes.get()
    response = staff_client.post(
        reverse("partnerships:annex_correct", args=[annex.pk]),
        {
            "number": annex.number,
            "title": annex.title,
            "registration_number": "2.11.6-1/2024",
            "reason": "Siffror omkastade",
            "version": current_version(annex),
        },
    )
    assert response.status_code == 302
    annex.refresh_from_db()
    assert annex.registration_number == "2.11.6-1/2024"
    page = staff_client.get(annex.get_absolute_url()).content.decode()
    assert "Siffror omkastade" in page


@pytest.mark.parametrize("url_name", ["partnerships:partnership_correct"])
def test_ngo_representatives_cannot_make_a_rattelse(client_a, signed, url_name):
    url = reverse(url_name, args=[signed.pk])
    assert client_a.get(url).status_code == 403
    response = client_a.post(url, {"registration_number": "X", "reason": "x", "title": "x"})
    assert response.status_code == 403
    signed.refresh_from_db()
    assert signed.registration_number != "X"
    annex_url = reverse("partnerships:annex_correct", args=[signed.annexes.get().pk])
    assert client_a.post(annex_url, {"reason": "x"}).status_code == 403


def test_a_signed_amendment_still_changes_a_locked_term(signed, staff):
    amendment = amendment_create(
        partnership=signed,
        title="Förlängning",
        target=Amendment.Target.PARTNERSHIP,
        changes={"end_date": "2025-12-31"},
        decision_reference="Styrgruppen 2024-06-01 § 3",
        actor=staff,
        reason="Utkast",
    )
    amendment_submit(amendment, actor=staff, reason="Till underskrift")
    for party in signed.participations.all():
        signature_create(
            partnership=signed,
            participation=party,
            document=Signature.Document.AMENDMENT,
            amendment=amendment,
            signatory_name="Firmatecknare",
            signed_on=date(2024, 6, 10),
            actor=staff,
            reason="Undertecknad ändring",
        )
    signed.refresh_from_db()
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.IN_FORCE
    assert signed.end_date == date(2025, 12, 31)


def test_the_admin_shows_a_signed_agreement_read_only(admin_client, signed):
    url = reverse("admin:partnerships_partnership_change", args=[signed.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="end_date"' not in page
    assert 'name="registration_number"' not in page
    annex = signed.annexes.get()
    page = admin_client.get(
        reverse("admin:partnerships_annex_change", args=[annex.pk])
    ).content.decode()
    assert 'name="end_date"' not in page


def test_the_admin_refuses_a_goal_added_to_or_moved_into_a_signed_agreement(admin_client, signed):
    WHY = {"change_reason": "Registrering"}
    add = reverse("admin:partnerships_goal_add")
    response = admin_client.post(
        add, {"partnership": signed.pk, "order": 1, "text": "Ett mål utan ändring", **WHY}
    )
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert not Goal.objects.filter(text="Ett mål utan ändring").exists()

    draft = before_signing(PartnershipFactory())
    goal = GoalFactory(partnership=draft, text="Utkastets mål")
    change = reverse("admin:partnerships_goal_change", args=[goal.pk])
    response = admin_client.post(
        change, {"partnership": signed.pk, "order": 1, "text": goal.text, **WHY}
    )
    assert LOCKED in response.content.decode()
    goal.refresh_from_db()
    assert goal.partnership == draft

    # Before signing the admin adds goals as the staff pages do.
    response = admin_client.post(
        add, {"partnership": draft.pk, "order": 2, "text": "Nytt mål", **WHY}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert draft.goals.filter(text="Nytt mål").exists()
