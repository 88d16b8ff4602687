from datetime import date, time

import factory

from governance.models import Group, GroupMember, Meeting
from tests.factories import PartnershipFactory, PublicOrganisationFactory


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    partnership = factory.SubFactory(PartnershipFactory)
    kind = Group.Kind.STEERING
    name = "Styrgrupp"
    established_on = factory.LazyAttribute(lambda g: g.partnership.start_date)
    ngo_seats_per_party = 1
    city_seats_max = 2
    cadence_initial_months = 1
    chair_selection = Group.ChairSelection.LOTTERY
    chair_term_months = 3


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    group = factory.SubFactory(GroupFactory)
    name = factory.Sequence(lambda n: f"Ledamot {n}")
    email = factory.Sequence(lambda n: f"ledamot{n}@example.org")
    organisation = factory.SubFactory(PublicOrganisationFactory)
    from_date = date(2024, 1, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    date = date(2024, 3, 14)
    start_time = time(13, 0)
    end_time = time(15, 0)
    place = "Socialförvaltningen"
