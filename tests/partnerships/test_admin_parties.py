"""A party's leaving is a step of its lifecycle (a notice, a termination, a rescission, through
the staff pages): the admin shows the day, reason and note but does not edit them, so it can
neither record a leaving without its reason nor fail on one."""

import pytest
from django.urls import reverse

from tests.factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


def test_the_party_change_page_shows_leaving_but_does_not_edit_it(admin_client, partnership_a):
    party = partnership_a.participations.filter(organisation__kind="ngo").first()
    response = admin_client.get(reverse("admin:partnerships_participation_change", args=[party.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("left_on", "leave_reason", "leave_note"):
        assert f'name="{field}"' not in html
    assert 'name="joined_on"' in html


def test_the_partnership_change_page_lists_its_parties_leaving_read_only(
    admin_client, partnership_a
):
    url = reverse("admin:partnerships_partnership_change", args=[partnership_a.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "participations-0-joined_on" in html
    assert "participations-0-left_on" not in html
    assert "participations-0-leave_reason" not in html


def test_the_admin_lists_partnerships_25_to_a_page_as_the_register_does(admin_client):
    PartnershipFactory.create_batch(26)
    response = admin_client.get(reverse("admin:partnerships_partnership_changelist"))
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 25
    assert "?p=2" in response.content.decode()
