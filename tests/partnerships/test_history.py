"""Every change leaves a history row with who and why, through the staff views and the admin,
and the partnership's timeline shows the field-level difference."""

import pytest
from django.urls import reverse

from iop.concurrency import current_version
from partnerships.models import Commitment
from tests.factories import CommitmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_edit_of_a_commitment_records_user_reason_and_difference(staff_client, staff):
    commitment = CommitmentFactory(title="Öppen verksamhet tre dagar i veckan")
    response = staff_client.post(
        reverse("partnerships:commitment_edit", args=[commitment.pk]),
        {
            "order": 1,
            "title": "Öppen verksamhet fyra dagar i veckan",
            "description": "",
            "reason": "Beslut i styrgruppen 2024-03-12 § 4",
            "version": current_version(commitment),
        },
    )
    assert response.status_code == 302

    latest = commitment.history.latest()
    assert latest.history_user == staff
    assert latest.history_change_reason == "Beslut i styrgruppen 2024-03-12 § 4"

    partnership = commitment.annex.partnership
    page = staff_client.get(reverse("partnerships:history", args=[partnership.pk])).content.decode()
    timeline = page[page.index('id="historik-heading"') :]
    assert "Beslut i styrgruppen 2024-03-12 § 4" in timeline
    assert "Öppen verksamhet tre dagar i veckan" in timeline  # old value
    assert "Öppen verksamhet fyra dagar i veckan" in timeline  # new value
    assert "Hanna Handläggare" in timeline


def test_a_save_without_reason_is_refused_and_keeps_what_was_typed(staff_client):
    commitment = CommitmentFactory(title="Före")
    response = staff_client.post(
        reverse("partnerships:commitment_edit", args=[commitment.pk]),
        {"order": 1, "title": "Efter, men utan anledning", "description": "", "reason": ""},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Skriv en kort anledning till ändringen." in content
    assert 'value="Efter, men utan anledning"' in content
    commitment.refresh_from_db()
    assert commitment.title == "Före"


def test_admin_change_records_user_and_reason(client):
    admin_user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin_user)
    commitment = CommitmentFactory(title="Gammal rubrik")
    url = reverse("admin:partnerships_commitment_change", args=[commitment.pk])
    response = client.post(
        url,
        {
            "annex": commitment.annex_id,
            "order": 0,
            "title": "Ny rubrik från admin",
            "description": "",
            "change_reason": "Rättat stavfel i administrationen",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = Commitment.objects.get(pk=commitment.pk).history.latest()
    assert latest.title == "Ny rubrik från admin"
    assert latest.history_user == admin_user
    assert latest.history_change_reason == "Rättat stavfel i administrationen"


def test_admin_refuses_a_change_without_reason(client):
    admin_user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin_user)
    commitment = CommitmentFactory(title="Gammal rubrik")
    response = client.post(
        reverse("admin:partnerships_commitment_change", args=[commitment.pk]),
        {"annex": commitment.annex_id, "order": 0, "title": "Ny", "description": ""},
    )
    assert response.status_code == 200
    assert "Skriv en kort anledning till ändringen." in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.title == "Gammal rubrik"


def test_deleted_commitment_stays_in_the_timeline(staff_client):
    commitment = CommitmentFactory(title="Åtagande som utgår")
    partnership = commitment.annex.partnership
    response = staff_client.post(
        reverse("partnerships:commitment_delete", args=[commitment.pk]),
        {"reason": "Åtagandet utgår enligt beslut"},
    )
    assert response.status_code == 302
    page = staff_client.get(reverse("partnerships:history", args=[partnership.pk])).content.decode()
    assert "borttagen av Hanna Handläggare" in page
    assert "Åtagandet utgår enligt beslut" in page
    assert "Åtagande som utgår" in page
