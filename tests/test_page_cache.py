"""The page cache (iop.pagecache): a page seen again is served from memory, and never once
anything it shows has changed, to anyone else, or without a waiting message."""

import pytest
from django.db import transaction
from django.urls import reverse

from iop import pagecache
from partnerships import services
from partnerships.access import revoke_from_organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _seen_twice(client, url):
    """The first visit sets the CSRF cookie the page's forms carry; the second is kept."""
    client.get(url)
    return client.get(url)


def test_a_page_seen_again_costs_only_the_session_and_the_user(
    staff_client, partnership_a, django_assert_num_queries
):
    url = reverse("partnerships:detail", args=[partnership_a.pk])
    first = _seen_twice(staff_client, url)
    with django_assert_num_queries(2):
        again = staff_client.get(url)
    assert again.content == first.content


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


def test_each_person_gets_their_own_page(client, staff, partnership_a):
    url = reverse("partnerships:list")
    client.force_login(staff)
    _seen_twice(client, url)
    colleague = UserFactory(username="kollega", first_name="Karin", last_name="Kollega")
    client.force_login(colleague)
    page = client.get(url).content.decode()
    assert "Karin" in page
    assert "Hanna" not in page


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
