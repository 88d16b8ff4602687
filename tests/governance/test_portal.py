"""The representative's portal home shows what governance asks of their organisation."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.services.escalations import remediation_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(group, members, org_a, staff):
    return remediation_request(
        group=group,
        organisation=org_a,
        deficiency="Verksamheten har inte haft öppet enligt bilagan.",
        due_on=timezone.localdate() + timedelta(days=20),
        actor=staff,
        reason="Styrgruppens beslut",
    )


def test_portal_home_lists_requested_plan_and_next_meeting_for_the_party(
    client_a, plan, future_meeting
):
    content = client_a.get(reverse("portal:home")).content.decode()
    assert "Begärda åtgärdsplaner" in content
    assert reverse("governance:remediation_detail", args=[plan.pk]) in content
    assert "Kommande möten i mina grupper" in content
    assert future_meeting.get_absolute_url() in content


def test_other_organisations_portal_shows_neither(client_b, plan, future_meeting):
    content = client_b.get(reverse("portal:home")).content.decode()
    assert reverse("governance:remediation_detail", args=[plan.pk]) not in content
    assert future_meeting.get_absolute_url() not in content
    assert "Inga åtgärdsplaner är begärda av din organisation." in content
