"""django-axes: lockout per username AND address, cool-off, Swedish page, address behind the proxy."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings
from django.utils import timezone

from iop.security import client_ip
from tests.security.conftest import post_login

pytestmark = pytest.mark.django_db


def fail(client, username, times, ip="198.51.100.7"):
    for _ in range(times):
        response = post_login(client, username, "fel-lösenord", ip=ip)
    return response


def test_wrong_password_below_limit_shows_the_form_again(client, staff):
    response = fail(client, staff.username, 4)
    assert response.status_code == 200
    assert "Logga in" in response.content.decode()


def test_fifth_failure_locks_with_a_swedish_page(client, staff, settings):
    assert settings.AXES_ENABLED
    response = fail(client, staff.username, 5)
    assert response.status_code == 429
    body = response.content.decode()
    assert "För många inloggningsförsök" in body
    assert "Försök igen om 30 minuter" in body


def test_locked_out_even_with_the_right_password(client, staff):
    fail(client, staff.username, 5)
    response = post_login(client, staff.username)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client, staff, rep_a):
    fail(client, staff.username, 5, ip="198.51.100.7")
    # Same person from another address: can log in.
    assert post_login(client, staff.username, ip="203.0.113.9").status_code == 302
    client.logout()
    # Somebody else from the locked address (same office NAT): can log in.
    assert post_login(client, rep_a.username, ip="198.51.100.7").status_code == 302


def test_cool_off_ends_the_lockout(client, staff):
    fail(client, staff.username, 5)
    assert post_login(client, staff.username).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert post_login(client, staff.username).status_code == 302


def test_success_resets_the_count(client, staff):
    fail(client, staff.username, 4)
    assert post_login(client, staff.username).status_code == 302
    client.logout()
    assert fail(client, staff.username, 4).status_code == 200


@override_settings(IOP_BEHIND_PROXY=True)
def test_behind_the_proxy_the_last_forwarded_address_counts():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5"
    )
    # 10.9.9.9 was written by the client (forgeable); nginx appended 203.0.113.5.
    assert client_ip(request) == "203.0.113.5"


@override_settings(IOP_BEHIND_PROXY=False)
def test_without_the_proxy_a_forwarded_header_is_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert client_ip(request) == "203.0.113.5"


@override_settings(IOP_BEHIND_PROXY=True)
def test_forged_forwarded_for_cannot_dodge_the_lockout(client, staff):
    """A client that sends its own X-Forwarded-For with a new address each time is still
    counted by the address nginx saw."""
    for n in range(5):
        post_login(
            client,
            staff.username,
            "fel",
            ip="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.5",
        )
    response = post_login(
        client, staff.username, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.99, 203.0.113.5"
    )
    assert response.status_code == 429


def test_client_login_in_tests_goes_through_axes(client, staff):
    """tests/conftest.py gives client.login() a request, so axes both allows and counts it."""
    assert client.login(username=staff.username, password="demo1234")
    client.logout()
    for _ in range(5):
        assert not client.login(username=staff.username, password="fel")
    assert not client.login(username=staff.username, password="demo1234")  # locked out
