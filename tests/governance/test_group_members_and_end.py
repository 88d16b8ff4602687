"""Issue 14, point 6: members from organisations that are not parties, the account a member is
linked to, the steering group's notice period, and the groups of a partnership that is over."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.deadlines import governance_deadlines, group_next_meeting_due
from governance.forms import MemberForm
from governance.services.groups import member_add, member_update
from iop.deadlines import deadlines_between
from partnerships.agreement_outline import group_rules
from tests.factories import OrganisationFactory, RepresentativeFactory
from tests.governance.factories import GroupFactory, MeetingFactory

R = "test"


@pytest.fixture
def running(partnership_a):
    """Partnership A running well past today (the factory's ends on 2024-12-31)."""
    partnership_a.end_date = timezone.localdate() + timedelta(days=800)
    partnership_a.save()
    return partnership_a


@pytest.fixture
def other_org(db):
    return OrganisationFactory(name="Frivilligcentralen")


@pytest.fixture
def other_rep(other_org):
    return RepresentativeFactory(username="rep_frivillig", organisation=other_org)


def _member_post(organisation, user=None, **extra):
    return {
        "name": "Olle Frivillig",
        "email": "olle@example.org",
        "user": user.pk if user else "",
        "organisation": organisation.pk,
        "unit": "",
        "role": "representative",
        "from_date": "2024-01-01",
        "to_date": "",
        "reason": "Samverkansgruppen bjuder in andra organisationer",
        **extra,
    }


# --- Members from organisations that are not parties --------------------------------------


def test_staff_add_a_member_of_an_organisation_that_is_not_a_party(
    staff_client, group, members, other_org
):
    form_page = staff_client.get(reverse("governance:member_create", args=[group.pk]))
    assert "Frivilligcentralen (ej part)" in form_page.content.decode()
    assert reverse("partnerships:organisation_create") in form_page.content.decode()
    response = staff_client.post(
        reverse("governance:member_create", args=[group.pk]), _member_post(other_org)
    )
    assert response.status_code == 302
    page = staff_client.get(group.get_absolute_url()).content.decode()
    row = page[page.index("Olle Frivillig") :].split("</tr>")[0]
    assert "Frivilligcentralen" in row and "Ej part" in row
    # The parties' members are not marked.
    party_row = page[page.index("Anna A") :].split("</tr>")[0]
    assert "Ej part" not in party_row


def test_the_parties_seats_do_not_limit_an_invited_organisation(group, members, staff, other_org):
    """The group has one seat per NGO party; an organisation that is not a party has none by
    the agreement, so a second person from it is not refused as "too many"."""
    for name in ("Olle", "Stina"):
        member_add(
            group=group,
            name=name,
            organisation=other_org,
            from_date=date(2024, 1, 1),
            actor=staff,
            reason=R,
        )
    assert group.members.filter(organisation=other_org).count() == 2


def test_an_invited_member_sees_the_group_and_its_minutes_but_nothing_of_the_partnership(
    client, group, members, staff, other_rep, partnership_a
):
    """Decided once (governance.permissions, GroupMember.is_party): a member from an
    organisation that is not a party sees the group, its meetings and approved minutes as
    every member does, and none of the parties' own: the partnership, its bilagor (and their
    reports and payments), its decisions register."""
    member_add(
        group=group,
        name="Olle",
        user=other_rep,
        organisation=other_rep.organisation,
        from_date=date(2024, 1, 1),
        actor=staff,
        reason=R,
    )
    meeting = MeetingFactory(group=group)
    client.force_login(other_rep)
    page = client.get(group.get_absolute_url())
    assert page.status_code == 200
    assert reverse("governance:decision_register", args=[partnership_a.pk]) not in (
        page.content.decode()
    )
    assert client.get(meeting.get_absolute_url()).status_code == 200
    annex = partnership_a.annexes.get()
    for url in (
        partnership_a.get_absolute_url(),
        annex.get_absolute_url(),
        reverse("governance:decision_register", args=[partnership_a.pk]),
    ):
        assert client.get(url).status_code in (403, 404), url


# --- The account a member is linked to ----------------------------------------------------


def test_the_account_choice_offers_only_the_members_organisation(
    group, members, rep_a, other_rep, staff
):
    form = MemberForm(instance=members["ngo"], partnership=group.partnership)
    offered = set(form.fields["user"].queryset)
    assert rep_a in offered
    assert other_rep not in offered and staff not in offered
    # A city member may be linked to förvaltningen's staff, not to an NGO's representative.
    city_form = MemberForm(instance=members["city"], partnership=group.partnership)
    assert staff in set(city_form.fields["user"].queryset)
    assert rep_a not in set(city_form.fields["user"].queryset)


def test_linking_another_organisations_account_is_refused_in_the_form(
    staff_client, group, members, other_org, rep_a
):
    response = staff_client.post(
        reverse("governance:member_create", args=[group.pk]), _member_post(other_org, rep_a)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kontot rep_a hör inte till Frivilligcentralen" in page
    assert 'value="Olle Frivillig"' in page  # what was typed stays
    assert not group.members.filter(name="Olle Frivillig").exists()


def test_linking_another_organisations_account_is_refused_by_the_service(
    group, members, staff, other_rep
):
    with pytest.raises(ValidationError, match="hör inte till Förening A"):
        member_update(members["ngo"], user=other_rep, actor=staff, reason=R)
    members["ngo"].refresh_from_db()
    assert members["ngo"].user.username == "rep_a"


# --- The steering group's notice period ---------------------------------------------------


def test_the_steering_groups_notice_shows_on_its_page_and_in_the_agreement(
    staff_client, group, members, partnership_a
):
    partnership_a.termination_notice_months = 3
    partnership_a.save()
    sentence = "Styrgruppen kan säga upp en part eller partnerskapet med 3 månaders uppsägningstid."
    assert sentence in staff_client.get(group.get_absolute_url()).content.decode()
    assert ("Uppsägning", sentence) in group_rules(group).rules
    cooperation = GroupFactory(partnership=partnership_a, kind="cooperation", name="Samverkan")
    assert "uppsägningstid" not in staff_client.get(cooperation.get_absolute_url()).content.decode()
    assert not [label for label, _text in group_rules(cooperation).rules if label == "Uppsägning"]


# --- The groups of a partnership that is over ---------------------------------------------


def test_the_group_of_a_partnership_that_is_over_is_not_late(
    staff_client, group, members, partnership_a, staff
):
    """Partnership A ran out on 2024-12-31 (the status follows the dates, whatever is stored):
    its steering group, last met in 2024, owes no meeting on its page, the partnership's
    governance panel or Kommande."""
    MeetingFactory(group=group, date=date(2024, 3, 14), status="held")
    assert partnership_a.is_over()
    status = group_next_meeting_due(group)
    assert status.due is None and status.partnership_over
    page = staff_client.get(group.get_absolute_url()).content.decode()
    assert "försenad" not in page
    assert "Inget möte krävs, partnerskapet är avslutat." in page
    panel = staff_client.get(partnership_a.get_absolute_url()).content.decode()
    assert "(försenad)" not in panel
    assert "Inget möte krävs, partnerskapet är avslutat" in panel
    stored = deadlines_between(date(2024, 1, 1), date(2099, 12, 31), user=staff)
    assert "meeting_due" not in {d.kind for d in stored}


def test_a_running_partnerships_late_group_is_flagged_with_its_date(
    staff_client, group, members, running, staff
):
    group.established_on = timezone.localdate() - timedelta(days=100)
    group.save()
    status = group_next_meeting_due(group)
    assert status.is_overdue(timezone.localdate())
    due = status.due.isoformat()
    page = staff_client.get(group.get_absolute_url()).content.decode()
    assert "gruppen är försenad med sitt möte" in page
    stored = [
        d
        for d in deadlines_between(date(2020, 1, 1), date(2099, 12, 31), user=staff)
        if d.kind == "meeting_due"
    ]
    assert [str(d.title) for d in stored] == [
        f"Styrgrupp är försenad med sitt möte (skulle ha mötts senast {due})"
    ]


def test_no_meeting_is_due_after_the_partnerships_end(group, members, running):
    """A partnership that ends before the next meeting would be due: no deadline for it."""
    today = timezone.localdate()
    running.end_date = today + timedelta(days=10)
    running.save()
    group.established_on = today - timedelta(days=5)
    group.save()
    status = group_next_meeting_due(group, today)
    assert status.due is None and status.ends_first == running.end_date
    found = governance_deadlines(today, today + timedelta(days=400), [running])
    assert not [d for d in found if d.kind == "meeting_due"]
