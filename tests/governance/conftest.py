"""A steering group in partnership A: two city members (one of them the staff user, who is the
chair) and NGO A's representative (rep_a). NGO B sits in no group of partnership A."""

from datetime import date, timedelta

import pytest

from governance.models import GroupMember
from governance.services.groups import chair_appoint
from tests.governance.factories import GroupFactory, MeetingFactory, MemberFactory


@pytest.fixture
def group(partnership_a):
    return GroupFactory(partnership=partnership_a, tie_rule="no_decision")


@pytest.fixture
def members(group, staff, rep_a, city, org_a):
    chair = MemberFactory(group=group, name="Hanna Handläggare", user=staff, organisation=city)
    city_two = MemberFactory(group=group, name="Enhetschef", organisation=city)
    ngo = MemberFactory(group=group, name="Anna A", user=rep_a, organisation=org_a)
    chair_appoint(
        group=group, member=chair, start=date(2024, 1, 1), actor=staff, reason="Första mötet"
    )
    return {"chair": chair, "city": city_two, "ngo": ngo}


@pytest.fixture
def adjunct(group, city):
    return MemberFactory(
        group=group, name="Uppsökarteamet", organisation=city, role=GroupMember.Role.ADJUNCT
    )


@pytest.fixture
def meeting(group, members):
    return MeetingFactory(group=group)


@pytest.fixture
def future_meeting(group, members):
    from django.utils import timezone

    return MeetingFactory(group=group, date=timezone.localdate() + timedelta(days=30))
