"""Issue 14, point 6, in the browser: förvaltningen's handläggare invites a person from an
organisation that is not a party into the cooperation group, is refused when linking an account
of another organisation, reads the steering group's notice period, and finds the group of an
ended partnership not flagged as late."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import assert_accessible, login
from tests.factories import (
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PublicOrganisationFactory,
    RepresentativeFactory,
    UserFactory,
)
from tests.governance.factories import GroupFactory, MemberFactory


@pytest.fixture
def groups(transactional_db):
    UserFactory(username="handlaggare", first_name="Hanna", last_name="Handläggare")
    city = PublicOrganisationFactory(name="Socialförvaltningen")
    street_minds = OrganisationFactory(name="Street Minds")
    RepresentativeFactory(
        username="sm_rep", first_name="Sara", last_name="Streetminds", organisation=street_minds
    )
    OrganisationFactory(name="Filadelfia")  # registered, a party to nothing here
    today = timezone.localdate()
    running = PartnershipFactory(
        title="Bostad Först",
        start_date=today - timedelta(days=200),
        end_date=today + timedelta(days=700),
        termination_notice_months=3,
    )
    for organisation in (city, street_minds):
        ParticipationFactory(partnership=running, organisation=organisation)
    steering = GroupFactory(partnership=running, name="Styrgrupp Bostad Först")
    cooperation = GroupFactory(
        partnership=running,
        kind="cooperation",
        name="Samverkansgrupp Bostad Först",
        ngo_seats_per_party=1,
    )
    MemberFactory(group=cooperation, name="Sara Streetminds", organisation=street_minds)
    ended = PartnershipFactory(
        title="Ensamkommande", start_date=date(2019, 9, 1), end_date=date(2024, 6, 30)
    )
    ParticipationFactory(partnership=ended, organisation=city)
    old_group = GroupFactory(
        partnership=ended, name="Styrgrupp Ensamkommande", established_on=date(2024, 1, 1)
    )
    MemberFactory(group=old_group, organisation=city)
    return {"steering": steering, "cooperation": cooperation, "ended": old_group}


def test_staff_invite_a_non_party_and_see_notice_and_ended_groups(page, groups):
    login(page, "handlaggare")
    page.goto(page.base_url + groups["cooperation"].get_absolute_url())
    page.get_by_role("link", name="Lägg till ledamot").click()
    page.get_by_label("Namn").fill("Petra Filadelfia")
    page.get_by_label("Organisation").select_option(label="Filadelfia (ej part)")
    # Street Minds' account offered under Street Minds: linking it to Filadelfia's person is
    # refused, and what was typed stays.
    page.get_by_label("Användarkonto").select_option(label="Sara Streetminds (sm_rep)")
    page.get_by_label("Från").fill(timezone.localdate().isoformat())
    page.get_by_label("Anledning till ändringen").fill("Andra organisationer från idéburen sektor")
    page.get_by_role("button", name="Spara").click()
    assert "Kontot sm_rep hör inte till Filadelfia" in page.locator("main").inner_text()
    assert page.get_by_label("Namn").input_value() == "Petra Filadelfia"
    assert_accessible(page)

    # Without the account, the invited person is added and shown as not a party.
    page.get_by_label("Användarkonto").select_option(index=0)
    page.get_by_role("button", name="Spara").click()
    assert "Ledamoten är tillagd." in page.locator(".messages").inner_text()
    row = page.locator("#ledamoter").get_by_role("row").filter(has_text="Petra Filadelfia")
    assert "Filadelfia" in row.inner_text() and "Ej part" in row.inner_text()
    party_row = page.locator("#ledamoter").get_by_role("row").filter(has_text="Sara Streetminds")
    assert "Ej part" not in party_row.inner_text()

    # The steering group's notice period is among its rules.
    page.goto(page.base_url + groups["steering"].get_absolute_url())
    rules = page.locator("#regler").inner_text()
    assert (
        "Styrgruppen kan säga upp en part eller partnerskapet med 3 månaders uppsägningstid."
        in (rules)
    )

    # The ended partnership's group last met never and its cadence ran out long ago: it is not
    # late, it owes no meeting.
    page.goto(page.base_url + groups["ended"].get_absolute_url())
    rules = page.locator("#regler").inner_text()
    assert "Inget möte krävs, partnerskapet är avslutat." in rules
    assert "försenad" not in page.locator("main").inner_text()
    assert_accessible(page)

    # Kommande: the running steering group is late, with the day it should have met by; the
    # ended partnership's group is not there at all.
    today = timezone.localdate()
    due = (groups["steering"].established_on + relativedelta(months=1)).isoformat()
    window = f"?start={today - timedelta(days=2000)}&end={today + timedelta(days=30)}"
    page.goto(page.base_url + reverse("deadlines:dashboard") + window)
    listed = page.locator("main").inner_text()
    assert (
        f"Styrgrupp Bostad Först är försenad med sitt möte (skulle ha mötts senast {due})" in listed
    )
    assert "Styrgrupp Ensamkommande" not in listed
