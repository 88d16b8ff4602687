"""The register and the portal show the end date the partnership page shows ("Slutdatum i
dag"): an automatic extension whose last notice day has passed without notice is already certain,
even before apply_extensions has moved the stored end date."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Notice, Partnership
from partnerships.services.parties import notice_give
from tests.factories import AnnexFactory, ParticipationFactory, PartnershipFactory, write_terms

pytestmark = pytest.mark.django_db

# Dates long past, so the answer does not depend on the day the tests run: every notice day up
# to 2019-09-30 passed without notice, so the agreement runs to its last date.
STORED_END, CURRENT_END = "2018-12-31", "2019-12-31"


def _automatic(title, **fields):
    return PartnershipFactory(
        title=title,
        start_date=date(2018, 1, 1),
        end_date=date(2018, 12, 31),
        extension_kind=Partnership.ExtensionKind.AUTOMATIC,
        extension_months=6,
        extension_last_date=date(2019, 12, 31),
        notice_day=30,
        notice_month=9,
        **fields,
    )


@pytest.fixture
def extended(city, org_a):
    partnership = _automatic("Förlängs av sig själv")
    ParticipationFactory(partnership=partnership, organisation=city)
    party = ParticipationFactory(partnership=partnership, organisation=org_a)
    AnnexFactory(partnership=partnership, participation=party)
    return partnership


def _register_period(start, end):
    """A register row's start and end (sortable columns of their own)."""
    return (
        f'<td class="nowrap" data-label="Start">{start}</td>'
        f'<td class="nowrap" data-label="Slut">{end}</td>'
    )


def _detail_end(client, partnership):
    page = client.get(partnership.get_absolute_url()).content.decode()
    return re.search(r'data-testid="current-end">([0-9-]+)<', page).group(1)


def test_register_shows_the_end_date_of_the_partnership_page(staff_client, extended):
    assert extended.end_date.isoformat() == STORED_END
    assert _detail_end(staff_client, extended) == CURRENT_END

    page = staff_client.get(reverse("partnerships:list")).content.decode()

    assert _register_period("2018-01-01", CURRENT_END) in page
    assert _register_period("2018-01-01", STORED_END) not in page


def test_a_notice_given_in_time_keeps_the_end_date_in_the_register(staff_client, staff, city):
    partnership = _automatic("Uppsagt i tid")
    ParticipationFactory(partnership=partnership, organisation=city)
    notice_give(
        partnership=partnership,
        kind=Notice.Kind.PARTNERSHIP,
        given_on=date(2018, 9, 1),
        actor=staff,
        reason="Styrgruppen säger upp partnerskapet",
    )
    partnership.refresh_from_db()
    expected = _detail_end(staff_client, partnership)

    page = staff_client.get(reverse("partnerships:list")).content.decode()

    assert _register_period(f"{partnership.start_date:%Y-%m-%d}", expected) in page


def test_portal_shows_the_end_date_of_the_partnership_page(client, staff, rep_a, extended):
    client.force_login(staff)
    assert _detail_end(client, extended) == CURRENT_END
    client.force_login(rep_a)

    home = client.get(reverse("portal:home")).content.decode()
    own = client.get(reverse("portal:partnership", args=[extended.pk])).content.decode()

    for page in (home, own):
        assert f"2018-01-01 – {CURRENT_END}" in page
        assert f"2018-01-01 – {STORED_END}" not in page


def test_register_reads_the_end_dates_of_a_page_in_one_query(
    staff_client, staff, django_assert_num_queries
):
    def add(count):
        for _ in range(count):
            partnership = _automatic("Med regel")
            notice_give(
                partnership=partnership,
                kind=Notice.Kind.PARTNERSHIP,
                given_on=date(2018, 9, 1),
                actor=staff,
                reason="Uppsägning",
            )

    add(3)
    url = reverse("partnerships:list")
    staff_client.get(url)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url)
    add(22)
    with django_assert_num_queries(len(few)):
        page = staff_client.get(url).content.decode()
    # Notice given by the first last notice day: each ends at its first end date.
    assert page.count(_register_period("2018-01-01", "2018-12-31")) == 25


def test_portal_home_reads_no_more_for_the_end_dates(client, staff, rep_a, extended):
    """The portal reads the notices and extensions of every partnership it lists in one query:
    a partnership with an extension rule costs no query more than one without."""
    client.force_login(rep_a)
    url = reverse("portal:home")
    client.get(url)
    with CaptureQueriesContext(connection) as ruled:
        page = client.get(url).content.decode()
    assert f"2018-01-01 – {CURRENT_END}" in page

    write_terms(
        extended,
        extension_kind=Partnership.ExtensionKind.NONE,
        extension_months=None,
        extension_last_date=None,
        notice_day=None,
        notice_month=None,
        actor=staff,
        reason="Ingen förlängning",
    )
    with CaptureQueriesContext(connection) as unruled:
        page = client.get(url).content.decode()
    assert f"2018-01-01 – {STORED_END}" in page
    assert len(ruled) == len(unruled)


def test_portal_home_reads_no_more_for_a_partnership_that_has_ended(client, rep_a, org_a, extended):
    """An ended agreement with an extension rule is in the portal's list too; its notices and
    extensions come with the same rows."""
    client.force_login(rep_a)
    url = reverse("portal:home")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    ended = _automatic("Avslutat", status=Partnership.Status.ENDED)
    ParticipationFactory(partnership=ended, organisation=org_a)
    with CaptureQueriesContext(connection) as after:
        page = client.get(url).content.decode()
    assert "Avslutat" in page
    assert len(after) == len(before)
