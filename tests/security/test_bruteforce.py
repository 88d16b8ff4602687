"""django-axes: lockout per username AND address, cool-off, Swedish page, address behind the proxy."""

from datetime import timedelta
from ipaddress import ip_network

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


NGINX = [ip_network("127.0.0.1/32"), ip_network("::1/128")]


@override_settings(IOP_BEHIND_PROXY=True, IOP_TRUSTED_PROXIES=NGINX)
def test_from_the_trusted_proxy_the_last_forwarded_address_counts():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5"
    )
    # 10.9.9.9 was written by the client (forgeable); nginx appended 203.0.113.5.
    assert client_ip(request) == "203.0.113.5"


@override_settings(IOP_BEHIND_PROXY=True, IOP_TRUSTED_PROXIES=NGINX)
def test_from_anywhere_else_the_forwarded_header_is_ignored():
    """Someone reaching gunicorn directly (not through nginx) writes X-Forwarded-For
    themselves: only the socket's address says who they are."""
    request = RequestFactory().get(
        "/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5"
    )
    assert client_ip(request) == "198.51.100.7"


@override_settings(IOP_BEHIND_PROXY=False, IOP_TRUSTED_PROXIES=[])
def test_without_the_proxy_a_forwarded_header_is_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert client_ip(request) == "127.0.0.1"


@override_settings(IOP_BEHIND_PROXY=True, IOP_TRUSTED_PROXIES=[ip_network("10.20.0.0/16")])
def test_a_trusted_proxy_network_and_a_mapped_address():
    for remote in ["10.20.3.4", "::ffff:10.20.3.4"]:
        request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR="203.0.113.5")
        assert client_ip(request) == "203.0.113.5"
    outside = RequestFactory().get("/", REMOTE_ADDR="10.21.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_ip(outside) == "10.21.0.1"


@override_settings(IOP_BEHIND_PROXY=True, IOP_TRUSTED_PROXIES=NGINX)
def test_a_forwarded_entry_that_is_no_address_counts_the_socket_address(client, staff):
    """A misconfigured proxy passing the client's text on must not make the lockout store
    something that is not an address (PostgreSQL's inet column would refuse it: a 500)."""
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="x'; --")
    assert client_ip(request) == "127.0.0.1"
    response = post_login(client, staff.username, "fel", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="nej")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"


@override_settings(IOP_BEHIND_PROXY=True, IOP_TRUSTED_PROXIES=NGINX)
def test_forged_forwarded_for_cannot_dodge_the_lockout_through_the_proxy(client, staff):
    """A client that sends its own X-Forwarded-For with a new address each time is still
    counted by the address nginx saw (the last entry)."""
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
    # Another client behind the same proxy is counted apart and can still log in.
    other = post_login(client, staff.username, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert other.status_code == 302


@override_settings(IOP_BEHIND_PROXY=True, IOP_TRUSTED_PROXIES=NGINX)
def test_forged_forwarded_for_cannot_dodge_the_lockout_against_gunicorn_directly(client, staff):
    """Straight to gunicorn, bypassing nginx: changing the last X-Forwarded-For entry on every
    try used to count as a new address each time, so the lockout never came."""
    for n in range(5):
        post_login(
            client, staff.username, "fel", ip="198.51.100.7", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"
        )
    response = post_login(
        client, staff.username, ip="198.51.100.7", HTTP_X_FORWARDED_FOR="10.0.0.99"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_client_login_in_tests_goes_through_axes(client, staff):
    """tests/conftest.py gives client.login() a request, so axes both allows and counts it."""
    assert client.login(username=staff.username, password="demo1234")
    client.logout()
    for _ in range(5):
        assert not client.login(username=staff.username, password="fel")
    assert not client.login(username=staff.username, password="demo1234")  # locked out


@override_settings(
    IOP_BEHIND_PROXY=True,
    IOP_TRUSTED_PROXIES=NGINX,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    SECURE_SSL_REDIRECT=True,
)
def test_only_the_trusted_proxy_can_say_the_request_came_over_https(client):
    through_nginx = client.get(
        "/logga-in/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="https"
    )
    assert through_nginx.status_code == 200
    direct = client.get("/logga-in/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_PROTO="https")
    assert direct.status_code == 301
    assert direct["Location"].startswith("https://")


def test_trusted_proxies_are_read_from_the_environment(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from iop.settings import env_networks

    monkeypatch.setenv("IOP_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7,::1")
    assert env_networks("IOP_TRUSTED_PROXIES", []) == [
        ip_network("10.0.0.0/8"),
        ip_network("192.0.2.7/32"),
        ip_network("::1/128"),
    ]
    for bad in ["nginx", "10.0.0.1/8", "300.1.1.1"]:
        monkeypatch.setenv("IOP_TRUSTED_PROXIES", bad)
        with pytest.raises(ImproperlyConfigured, match="IOP_TRUSTED_PROXIES"):
            env_networks("IOP_TRUSTED_PROXIES", [])


def test_production_trusts_only_nginx_on_the_same_machine_by_default():
    import subprocess
    import sys

    from django.conf import settings

    from tests.security.conftest import production_env

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(*s.IOP_TRUSTED_PROXIES)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert out.stdout.split() == ["127.0.0.1/32", "::1/128"], out.stderr
    refused = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=production_env(IOP_BEHIND_PROXY="0", IOP_TRUSTED_PROXIES="10.0.0.1"),
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0
    assert "IOP_TRUSTED_PROXIES is set but IOP_BEHIND_PROXY is off" in refused.stderr
