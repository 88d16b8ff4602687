"""The admin's JSON box for the minutes' approved wording (Minutes.snapshot, NULL until the
minutes are approved): empty when there is none, not the text "null", and saving it empty keeps
it NULL."""

import re

import pytest
from django.urls import reverse

from governance.models import Minutes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


def _snapshot_box(page):
    match = re.search(r'<textarea name="snapshot"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, "no snapshot field on the page"
    return match.group(1).strip()


def _form(minutes, snapshot):
    return {
        "meeting": minutes.meeting_id,
        "version": minutes.version,
        "status": minutes.status,
        "chair_recorded_reason": "",
        "adjuster_recorded_reason": "",
        "correction_reason": "",
        "snapshot": snapshot,
        "change_reason": "Rättat i administrationen",
    }


def test_minutes_without_approved_wording_show_an_empty_box(admin_client, meeting):
    minutes = Minutes.objects.create(meeting=meeting)
    url = reverse("admin:governance_minutes_change", args=[minutes.pk])
    assert _snapshot_box(admin_client.get(url).content.decode()) == ""


def test_saving_the_empty_box_keeps_it_null_and_a_value_is_kept(admin_client, meeting):
    minutes = Minutes.objects.create(meeting=meeting)
    url = reverse("admin:governance_minutes_change", args=[minutes.pk])
    response = admin_client.post(url, _form(minutes, ""))
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.snapshot is None
    assert Minutes.objects.filter(pk=minutes.pk, snapshot__isnull=True).exists()

    response = admin_client.post(url, _form(minutes, '{"items": [{"number": 1}]}'))
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.snapshot == {"items": [{"number": 1}]}
    assert _snapshot_box(admin_client.get(url).content.decode()) == (
        "{&quot;items&quot;: [{&quot;number&quot;: 1}]}"
    )
