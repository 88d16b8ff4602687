"""Second factor: required in production settings for staff and NGO representatives, the admin
included; a password reset does not get around it; the demo login page says when it is off."""

import re
import time

import pytest
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from iop.mfa import new_recovery_codes
from tests.factories import UserFactory
from tests.security.conftest import post_login, production_env

pytestmark = pytest.mark.django_db


@pytest.fixture
def mfa_on(settings):
    settings.IOP_REQUIRE_MFA = True
    return settings


def totp_now(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def unthrottle(device):
    """django-otp slows guessing down (1 s, 2 s, 4 s ... after failures); tests don't wait."""
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def test_production_requires_mfa_by_default():
    import subprocess
    import sys

    from django.conf import settings

    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.IOP_REQUIRE_MFA, s.AXES_ENABLED)",
        ],
        cwd=settings.BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert out.stdout.split() == ["True", "True"], out.stderr


@pytest.mark.parametrize("who", ["staff", "rep_a"])
def test_password_alone_reaches_only_the_setup_page(client, mfa_on, who, request):
    user = request.getfixturevalue(who)
    response = post_login(client, user.username)
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 302
    assert home.url.startswith("/konto/tvafaktor/konfigurera/")
    page = client.get(home.url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Slå på tvåfaktorsinloggning" in body
    assert "<svg" in body  # the QR code, inline
    assert "<script" not in body


def test_setup_with_a_correct_code_turns_it_on_and_shows_recovery_codes(client, mfa_on, staff):
    post_login(client, staff.username)
    client.get("/konto/tvafaktor/konfigurera/")
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    response = client.post("/konto/tvafaktor/konfigurera/", {"token": "000000"})
    assert "Koden stämmer inte" in response.content.decode()
    unthrottle(device)
    response = client.post("/konto/tvafaktor/konfigurera/", {"token": totp_now(device)})
    assert response.status_code == 302
    page = client.get(response.url)
    codes = page.context["codes"]
    assert len(codes) == 10
    assert codes[0] in page.content.decode()
    # Shown once only.
    assert client.get("/konto/tvafaktor/reservkoder/").context["codes"] is None
    assert client.get("/partnerskap/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_user_with_a_device_must_enter_a_code(client, mfa_on, rep_a):
    device = confirmed_device(rep_a)
    post_login(client, rep_a.username)
    response = client.get("/portal/")
    assert response.status_code == 302
    assert response.url.startswith("/konto/tvafaktor/?")
    # Cannot replace the existing app with only the password.
    assert client.get("/konto/tvafaktor/konfigurera/").url.startswith("/konto/tvafaktor/")
    bad = client.post("/konto/tvafaktor/", {"token": "123456", "next": "/portal/"})
    assert bad.status_code == 200
    assert "Koden stämmer inte" in bad.content.decode()
    unthrottle(device)
    good = client.post("/konto/tvafaktor/", {"token": totp_now(device), "next": "/portal/"})
    assert good.status_code == 302
    assert good.url == "/portal/"
    assert client.get("/portal/").status_code == 200


def test_recovery_code_works_once(client, mfa_on, staff):
    confirmed_device(staff)
    codes = new_recovery_codes(staff)
    post_login(client, staff.username)
    response = client.post("/konto/tvafaktor/", {"token": codes[0]})
    assert response.status_code == 302
    assert client.get("/partnerskap/").status_code == 200
    client.logout()
    post_login(client, staff.username)
    again = client.post("/konto/tvafaktor/", {"token": codes[0]})
    assert again.status_code == 200
    assert StaticDevice.objects.get(user=staff).token_set.count() == 9


def test_next_cannot_send_to_another_site(client, mfa_on, staff):
    device = confirmed_device(staff)
    post_login(client, staff.username)
    response = client.post(
        "/konto/tvafaktor/", {"token": totp_now(device), "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_admin_requires_the_second_factor(client, mfa_on):
    admin = UserFactory(username="boss", is_staff=True, is_superuser=True)
    device = confirmed_device(admin)
    post_login(client, admin.username)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/konto/tvafaktor/")
    client.post("/konto/tvafaktor/", {"token": totp_now(device)})
    assert client.get("/admin/").status_code == 200


def test_admin_site_itself_refuses_an_unverified_session(rf, mfa_on):
    """Even without the middleware, the admin site's permission check asks for the factor."""
    from django.contrib import admin as django_admin
    from django.contrib.auth.models import AnonymousUser  # noqa: F401

    user = UserFactory(username="boss2", is_staff=True, is_superuser=True)
    request = rf.get("/admin/")
    user.is_verified = lambda: False
    request.user = user
    assert not django_admin.site.has_permission(request)
    user.is_verified = lambda: True
    assert django_admin.site.has_permission(request)


def test_password_reset_does_not_log_in_nor_skip_the_code(client, mfa_on, rep_a):
    device = confirmed_device(rep_a)
    response = client.post("/konto/losenord/aterstall/", {"email": rep_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/konto/losenord/aterstall/\S+)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "ett-langt-nytt-losenord-2026"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert "_auth_user_id" not in client.session  # not logged in by the reset
    post_login(client, rep_a.username, new_password)
    response = client.get("/portal/")
    assert response.status_code == 302
    assert response.url.startswith("/konto/tvafaktor/")
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()


def test_demo_login_page_says_mfa_is_off(client, settings):
    settings.IOP_DEMO = True
    settings.IOP_REQUIRE_MFA = False
    body = client.get("/logga-in/").content.decode()
    assert "Tvåfaktorsinloggning är avstängd för demoanvändarna" in body


def test_demo_login_page_is_accurate_when_mfa_is_on(client, settings):
    settings.IOP_DEMO = True
    settings.IOP_REQUIRE_MFA = True
    body = client.get("/logga-in/").content.decode()
    assert "avstängd" not in body
    assert "Tvåfaktorsinloggning krävs även här" in body


def test_without_the_requirement_nobody_is_redirected(staff_client, settings):
    settings.IOP_REQUIRE_MFA = False
    assert staff_client.get("/partnerskap/").status_code == 200


def test_anonymous_cannot_reach_the_mfa_pages(client):
    for url in [
        "/konto/tvafaktor/",
        "/konto/tvafaktor/konfigurera/",
        "/konto/tvafaktor/reservkoder/",
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/logga-in/")


def test_admin_cannot_read_a_persons_totp_secret(client, staff, settings):
    settings.IOP_REQUIRE_MFA = False
    device = confirmed_device(staff)
    admin = UserFactory(username="boss3", is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert page.status_code == 200
    assert device.key not in page.content.decode()
