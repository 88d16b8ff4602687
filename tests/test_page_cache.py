"""The page cache (iop.pagecache): a page seen again is served from memory, and never once
anything it shows has changed, to anyone else, or without a waiting message."""

import threading

import pytest
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.db.models.deletion import Collector
from django.test import Client
from django.urls import reverse

from iop import pagecache
from partnerships import services
from partnerships.access import revoke_from_organisation
from partnerships.models import Partnership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _seen_twice(client, url):
    """The first visit sets the CSRF cookie the page's forms carry; the second is kept."""
    client.get(url)
    return client.get(url)


def _cached_pages(partnership):
    return [
        reverse("partnerships:list"),
        reverse("partnerships:detail", args=[partnership.pk]),
        *(
            reverse("partnerships:section", args=[partnership.pk, tab])
            for tab in ("livscykel", "andringar", "ekonomi")
        ),
        reverse("partnerships:agreement_text", args=[partnership.pk]),
        reverse("partnerships:history", args=[partnership.pk]),
        reverse("deadlines:dashboard"),
        reverse("reporting:report_list"),
    ]


def test_a_page_seen_again_costs_only_the_session_and_the_user(
    staff_client, partnership_a, django_assert_num_queries
):
    for url in _cached_pages(partnership_a):
        first = _seen_twice(staff_client, url)
        with django_assert_num_queries(2):
            again = staff_client.get(url)
        assert again.content == first.content, url


def test_a_change_shows_at_once_on_every_cached_page(staff_client, staff, partnership_a):
    pages = [
        reverse("partnerships:list"),
        reverse("partnerships:detail", args=[partnership_a.pk]),
        reverse("partnerships:history", args=[partnership_a.pk]),
        reverse("partnerships:agreement_text", args=[partnership_a.pk]),
    ]
    for url in pages:
        _seen_twice(staff_client, url)
    services.partnership_update(
        partnership_a, actor=staff, reason="Nytt namn", title="Partnerskap med A, omdöpt"
    )
    for url in pages:
        assert "Partnerskap med A, omdöpt" in staff_client.get(url).content.decode(), url


def test_a_filtered_page_is_kept_apart_from_the_unfiltered(staff_client, partnership_a):
    _seen_twice(staff_client, reverse("partnerships:list"))
    response = staff_client.get(reverse("partnerships:list"), {"q": "finns inte"})
    assert "Partnerskap med A" not in response.content.decode()


def _logged_in(user, url):
    client = Client()
    client.force_login(user)
    client.get(url)  # the CSRF cookie
    return client


def test_each_person_gets_their_own_page_of_the_same_data(staff, partnership_a):
    url = reverse("partnerships:list")
    colleague = UserFactory(username="kollega", first_name="Karin", last_name="Kollega")
    hanna, karin = _logged_in(staff, url), _logged_in(colleague, url)
    version = pagecache.current_version()
    assert "Hanna" in _seen_twice(hanna, url).content.decode()
    page = karin.get(url).content.decode()
    assert pagecache.current_version() == version  # nothing changed in between
    assert "Karin" in page
    assert "Hanna" not in page


@pytest.mark.parametrize("name", ["portal:home", "reporting:report_list"])
def test_a_representative_never_gets_another_organisations_page(
    name, rep_a, rep_b, partnership_a, partnership_b
):
    url = reverse(name)
    client_a, client_b = _logged_in(rep_a, url), _logged_in(rep_b, url)
    version = pagecache.current_version()
    assert "Förening A" in _seen_twice(client_a, url).content.decode()
    page = client_b.get(url).content.decode()
    assert pagecache.current_version() == version
    assert "Förening B" in page
    assert "Förening A" not in page
    assert "Partnerskap med A" not in page


def test_a_redirect_is_not_kept_as_a_page(staff_client):
    staff_client.get(reverse("partnerships:list"))  # the CSRF cookie
    url = reverse("portal:home")  # staff are sent to the register
    _seen_twice(staff_client, url)
    assert staff_client.get(url).status_code == 302


def test_a_representative_who_loses_access_to_a_bilaga_no_longer_sees_it(
    client_a, org_a, partnership_a
):
    url = reverse("portal:home")
    annex = partnership_a.annexes.get()
    assert str(annex) in _seen_twice(client_a, url).content.decode()
    revoke_from_organisation(org_a.pk, ["view_annex"], annex)
    assert str(annex) not in client_a.get(url).content.decode()


def test_the_message_after_a_save_is_shown_on_a_page_seen_before(staff_client, partnership_a):
    url = reverse("partnerships:agreement_text", args=[partnership_a.pk])
    _seen_twice(staff_client, url)
    response = staff_client.post(
        reverse("partnerships:goal_create", args=[partnership_a.pk]),
        {"order": 1, "text": "Fler unga i arbete", "reason": "Nämndens nya mål"},
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain, page
    assert "Fler unga i arbete" in page
    assert 'class="message message-success"' in page
    # Seen again, the message is gone: shown once, like everywhere else.
    assert "message-success" not in staff_client.get(url).content.decode()


def test_the_language_chosen_is_the_language_served(staff_client, partnership_a):
    url = reverse("partnerships:list")
    _seen_twice(staff_client, url)
    staff_client.post(reverse("set_language"), {"language": "en", "next": url})
    assert "Search" in staff_client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_transaction_draws_the_version_at_each_write_and_once_after_it_commits(partnership_a):
    staff = UserFactory()
    before = pagecache.current_version()
    with transaction.atomic():
        for title in ("Ett", "Två", "Tre"):
            services.partnership_update(partnership_a, actor=staff, reason="Test", title=title)
        during = pagecache.current_version()
    # Seen at once by the writing connection; once more when the commit is through, so that a
    # page another connection rendered from the rows before the commit is not kept.
    assert during >= before + 3
    assert pagecache.current_version() == during + 1


def test_sessions_and_login_attempts_do_not_count_as_changes(client, staff):
    client.force_login(staff)  # records the login time on the user: a change
    before = pagecache.current_version()
    client.get(reverse("partnerships:list"))  # the session is written
    client.post(reverse("login"), {"username": "handlaggare", "password": "fel"})
    assert pagecache.current_version() == before
    services.partnership_create(
        actor=staff,
        reason="Nytt IOP",
        title="Nytt",
        registration_number="SOF 2026/1",
        start_date="2026-01-01",
        end_date="2026-12-31",
    )
    assert pagecache.current_version() > before


@pytest.mark.django_db(transaction=True)
def test_a_page_rendered_during_someone_elses_transaction_is_not_kept(partnership_a):
    """Olle's save has drawn a new number but not committed when Hanna's page is rendered from
    the rows before it; after his commit she must not get that page back."""
    hanna = _logged_in(UserFactory(first_name="Hanna"), reverse("partnerships:list"))
    olle = UserFactory(username="olle")
    url = reverse("partnerships:list")
    written, may_commit = threading.Event(), threading.Event()

    def olle_saves():
        try:
            with transaction.atomic():
                partnership = Partnership.objects.get(pk=partnership_a.pk)
                services.partnership_update(
                    partnership, actor=olle, reason="Nytt namn", title="Partnerskap, nytt namn"
                )
                written.set()
                may_commit.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=olle_saves)
    thread.start()
    assert written.wait(10)
    assert "Partnerskap, nytt namn" not in _seen_twice(hanna, url).content.decode()
    may_commit.set()
    thread.join(10)
    assert "Partnerskap, nytt namn" in hanna.get(url).content.decode()


def test_sessions_and_login_attempts_keep_djangos_fast_delete():
    """The daily clearsessions and the login lockout's clean-up delete without loading rows."""
    assert Collector(using="default").can_fast_delete(Session.objects.all())
