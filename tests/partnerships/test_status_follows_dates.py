"""A partnership or a party whose end has passed shows as ended on every page at once, without
waiting for the daily `apply_extensions` (which still writes the status and the step)."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Participation, Partnership
from tests.factories import (
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


@pytest.fixture
def ran_out(partnership_a):
    """Partnership A, active, whose end date was yesterday; the daily command has not run."""
    partnership_a.start_date = _today() - timedelta(days=365)
    partnership_a.end_date = _today() - timedelta(days=1)
    partnership_a.save()
    return partnership_a


@pytest.fixture
def extended(city):
    """Active, stored end yesterday, but its automatic extension is certain (1 January, the
    last notice day before that end, passed without notice): it runs on."""
    partnership = PartnershipFactory(
        title="Förlängs automatiskt",
        start_date=_today() - timedelta(days=400),
        end_date=_today() - timedelta(days=1),
        extension_kind=Partnership.ExtensionKind.AUTOMATIC,
        extension_months=12,
        extension_last_date=_today() + timedelta(days=3650),
        notice_day=1,
        notice_month=1,
    )
    ParticipationFactory(partnership=partnership, organisation=city)
    return partnership


def _logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def _register_row(page, title):
    row = re.search(r"<tr>(?:(?!</tr>).)*" + re.escape(title) + r".*?</tr>", page, re.S)
    return row.group(0)


def _register_titles(client, **params):
    response = client.get(reverse("partnerships:list"), params)
    return {p.title for p in response.context["page"].object_list}


def test_a_partnership_whose_end_passed_yesterday_shows_ended_everywhere(
    staff, rep_a, ran_out, extended
):
    staff_client = _logged_in(staff)
    register = staff_client.get(reverse("partnerships:list")).content.decode()
    assert "Avslutad" in _register_row(register, ran_out.title)
    assert "Aktiv" in _register_row(register, extended.title)

    detail = staff_client.get(ran_out.get_absolute_url()).content.decode()
    assert '<span class="status status-ended">Avslutad</span>' in detail

    portal = _logged_in(rep_a)
    home = portal.get(reverse("portal:home")).content.decode()
    assert "Aktiv" not in home and "Avslutad" in home
    page = portal.get(reverse("portal:partnership", args=[ran_out.pk])).content.decode()
    assert "Avslutad" in page

    # The stored status waits for the daily command, which writes it with its step.
    ran_out.refresh_from_db()
    assert ran_out.status == Partnership.Status.ACTIVE
    call_command("apply_extensions", stdout=StringIO())
    ran_out.refresh_from_db()
    assert ran_out.status == Partnership.Status.ENDED


def test_the_register_filters_by_the_status_it_shows(staff_client, ran_out, extended):
    assert ran_out.title in _register_titles(staff_client, status="ended")
    assert ran_out.title not in _register_titles(staff_client, status="active")
    assert extended.title in _register_titles(staff_client, status="active")
    assert extended.title not in _register_titles(staff_client, status="ended")
    assert Partnership.objects.in_status("ended").filter(pk=ran_out.pk).exists()


def test_the_admin_list_shows_and_filters_the_status_that_follows_the_dates(ran_out, extended):
    admin = _logged_in(UserFactory(username="admin", is_superuser=True, is_staff=True))
    url = reverse("admin:partnerships_partnership_changelist")
    ended = admin.get(url, {"status": "ended"})
    assert [p.pk for p in ended.context["cl"].result_list] == [ran_out.pk]
    active = admin.get(url, {"status": "active"})
    assert [p.pk for p in active.context["cl"].result_list] == [extended.pk]
    assert "Avslutad" in ended.content.decode()


def test_a_party_that_left_yesterday_shows_as_left_and_one_leaving_tomorrow_does_not(
    staff_client, city
):
    partnership = PartnershipFactory(title="Pågår", end_date=_today() + timedelta(days=365))
    ParticipationFactory(partnership=partnership, organisation=city)
    gone = ParticipationFactory(
        partnership=partnership,
        organisation=OrganisationFactory(name="Gick i går"),
        left_on=_today() - timedelta(days=1),
        leave_reason=Participation.LeaveReason.NOTICE,
    )
    leaving = ParticipationFactory(
        partnership=partnership,
        organisation=OrganisationFactory(name="Går i morgon"),
        left_on=_today() + timedelta(days=1),
        leave_reason=Participation.LeaveReason.NOTICE,
    )
    row = _register_row(staff_client.get(reverse("partnerships:list")).content.decode(), "Pågår")
    assert 'Gick i går <span class="muted">(utträdd)</span>' in row
    assert 'Går i morgon <span class="muted">(utträder' in row
    assert gone.has_left() and not leaving.has_left()


def test_the_parties_of_a_partnership_that_ran_out_show_as_left(staff_client, ran_out):
    party = ran_out.participations.get(organisation__kind="ngo")
    assert party.left_on is None and party.has_left()
    row = _register_row(staff_client.get(reverse("partnerships:list")).content.decode(), "med A")
    assert "(utträdd)" in row
