"""Second factor: required in production settings for staff and NGO representatives, the admin
included; a password reset does not get around it; the first app is connected only after a
second proof (the invitation's link or a code sent by e-mail); the demo login page says when it
is off."""

import re
import smtplib
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from iop.accounts.models import EnrolmentCode, User
from iop.accounts.services import representative_invite
from iop.enrolment import ENROL_PROOF_KEY, ENROL_PROOF_MINUTES
from iop.mfa import new_recovery_codes
from iop.models import OutgoingMail
from tests.factories import UserFactory
from tests.security.conftest import post_login, production_env

pytestmark = pytest.mark.django_db


@pytest.fixture
def mfa_on(settings):
    settings.IOP_REQUIRE_MFA = True
    return settings


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`commit(client.post, ...)`: the request, then what it queued for after its commit (the
    e-mail, sent through the task queue), as on a server where the request's transaction
    commits."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


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


PROOF_PAGE = "/konto/tvafaktor/bekrafta/"
SETUP_PAGE = "/konto/tvafaktor/konfigurera/"


def emailed_code(message):
    return re.search(r"^\s+(\d{6})\s*$", message.body, re.MULTILINE)[1]


def enrol(client, user):
    """Connect an app in `client`'s session (which must be allowed to); return the device and
    the recovery codes shown."""
    page = client.get(SETUP_PAGE)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code, inline
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP_PAGE, {"token": totp_now(device)})
    assert response.status_code == 302
    codes = client.get(response.url).context["codes"]
    device.refresh_from_db()
    assert device.confirmed
    return device, codes


@pytest.mark.parametrize("who", ["staff", "rep_a"])
def test_password_alone_cannot_connect_an_app(client, mfa_on, who, request):
    """Whoever has only the password must not get to connect their own phone: the setup page
    sends them to prove they can read the account's e-mail first."""
    user = request.getfixturevalue(who)
    response = post_login(client, user.username)
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 302
    setup = client.get(home.url)
    assert setup.status_code == 302
    assert setup.url.startswith(PROOF_PAGE)
    page = client.get(setup.url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Bekräfta att det är du" in body
    assert "<svg" not in body and "Nyckel att skriva in" not in body
    assert "<script" not in body
    # Nor by posting a code straight to the setup page.
    assert client.post(SETUP_PAGE, {"token": "123456"}).url.startswith(PROOF_PAGE)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.get("/partnerskap/").status_code == 302


def test_an_emailed_code_lets_the_person_connect_an_app(client, mfa_on, staff, commit):
    post_login(client, staff.username)
    response = commit(client.post, PROOF_PAGE, {"send": "1", "next": "/partnerskap/"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [staff.email]
    code = emailed_code(mail.outbox[0])
    # Only a keyed hash is kept.
    row = EnrolmentCode.objects.get(user=staff)
    assert code not in row.code_hash and len(row.code_hash) == 64
    page = client.get(response.url).content.decode()
    assert "Koden är skickad till h…@example.org" in page
    wrong = "000000" if code != "000000" else "111111"
    refused = client.post(PROOF_PAGE, {"code": wrong, "next": "/partnerskap/"})
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Koden stämmer inte. Kontrollera siffrorna och försök igen." in body
    assert 'class="error-summary"' in body
    accepted = client.post(
        PROOF_PAGE, {"code": f" {code[:3]} {code[3:]} ", "next": "/partnerskap/"}
    )
    assert accepted.status_code == 302
    assert accepted.url.startswith(SETUP_PAGE)
    _device, codes = enrol(client, staff)
    assert len(codes) == 10
    assert client.get("/partnerskap/").status_code == 200
    # The code is used up: another login cannot use it again.
    client.logout()
    TOTPDevice.objects.filter(user=staff).delete()
    StaticDevice.objects.filter(user=staff).delete()
    post_login(client, staff.username)
    again = client.post(PROOF_PAGE, {"code": code})
    assert "Koden har gått ut eller är redan använd" in again.content.decode()
    assert client.get(SETUP_PAGE).url.startswith(PROOF_PAGE)


def test_an_emailed_code_expires(client, mfa_on, rep_a, commit):
    post_login(client, rep_a.username)
    commit(client.post, PROOF_PAGE, {"send": "1"})
    code = emailed_code(mail.outbox[0])
    EnrolmentCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(PROOF_PAGE, {"code": code})
    assert "Koden har gått ut eller är redan använd. Be om en ny kod." in response.content.decode()
    assert client.get(SETUP_PAGE).url.startswith(PROOF_PAGE)


def test_an_emailed_code_allows_five_tries(client, mfa_on, rep_a, commit):
    post_login(client, rep_a.username)
    commit(client.post, PROOF_PAGE, {"send": "1"})
    code = emailed_code(mail.outbox[0])
    wrong = "000000" if code != "000000" else "111111"
    for _n in range(4):
        client.post(PROOF_PAGE, {"code": wrong})
    last = client.post(PROOF_PAGE, {"code": wrong}).content.decode()
    assert "nu har du försökt för många gånger. Be om en ny kod." in last
    response = client.post(PROOF_PAGE, {"code": code})
    assert "Koden har gått ut eller är redan använd" in response.content.decode()
    assert client.get(SETUP_PAGE).url.startswith(PROOF_PAGE)


def test_a_new_code_ends_the_old_one_and_sending_is_limited(client, mfa_on, rep_a, commit):
    post_login(client, rep_a.username)
    commit(client.post, PROOF_PAGE, {"send": "1"})
    first = emailed_code(mail.outbox[0])
    soon = commit(client.post, PROOF_PAGE, {"send": "1"})
    assert "En kod skickades nyss. Vänta en minut" in soon.content.decode()
    assert len(mail.outbox) == 1
    EnrolmentCode.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    commit(client.post, PROOF_PAGE, {"send": "1"})
    assert len(mail.outbox) == 2
    second = emailed_code(mail.outbox[1])
    if first != second:
        refused = client.post(PROOF_PAGE, {"code": first}).content.decode()
        assert "Koden stämmer inte" in refused
    for _n in range(3):
        EnrolmentCode.objects.update(created_at=timezone.now() - timedelta(minutes=2))
        commit(client.post, PROOF_PAGE, {"send": "1"})
    assert len(mail.outbox) == 5
    EnrolmentCode.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    sixth = commit(client.post, PROOF_PAGE, {"send": "1"}).content.decode()
    assert "Du har fått 5 koder det senaste dygnet" in sixth
    assert len(mail.outbox) == 5


def test_an_account_without_email_cannot_get_a_code(client, mfa_on, rep_a):
    rep_a.email = ""
    rep_a.save()
    post_login(client, rep_a.username)
    page = client.post(PROOF_PAGE, {"send": "1"})
    assert page.status_code == 200
    assert "Ditt konto har ingen e-postadress" in page.content.decode()
    assert not mail.outbox


class BrokenMailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_mail_server_that_fails_gives_no_error_and_staff_see_the_failed_mail(
    client, mfa_on, rep_a, settings, commit
):
    """The code is sent by the queue, not the request: a mail server that is down costs the
    person no error page, and the mail that could not go is listed on Utskick."""
    settings.EMAIL_BACKEND = "tests.security.test_mfa.BrokenMailBackend"
    post_login(client, rep_a.username)
    page = commit(client.post, PROOF_PAGE, {"send": "1"})
    assert page.status_code == 302
    failed = OutgoingMail.objects.get()
    assert failed.kind == OutgoingMail.Kind.CODE and failed.to == [rep_a.email]
    assert failed.status == OutgoingMail.Status.FAILED and not mail.outbox


def test_the_proof_belongs_to_one_session_and_does_not_last(client, mfa_on, rep_a, commit):
    post_login(client, rep_a.username)
    commit(client.post, PROOF_PAGE, {"send": "1"})
    assert client.post(PROOF_PAGE, {"code": emailed_code(mail.outbox[0])}).status_code == 302
    assert client.get(SETUP_PAGE).status_code == 200
    other = Client()
    post_login(other, rep_a.username)
    assert other.get(SETUP_PAGE).url.startswith(PROOF_PAGE)
    session = client.session
    proof = session[ENROL_PROOF_KEY]
    session[ENROL_PROOF_KEY] = {**proof, "at": proof["at"] - ENROL_PROOF_MINUTES * 60 - 1}
    session.save()
    assert client.get(SETUP_PAGE).url.startswith(PROOF_PAGE)


def test_invitation_link_connects_the_app_and_a_recovery_code_logs_in(
    client, mfa_on, staff, org_a, django_capture_on_commit_callbacks
):
    """End to end: invited, the link, a password, the app, the recovery codes shown; then a
    login with the password and one recovery code reaches the portal, and that code is spent."""
    with django_capture_on_commit_callbacks(execute=True):
        representative_invite(
            email="ny@example.org",
            first_name="Nora",
            last_name="Ny",
            organisation=org_a,
            actor=staff,
        )
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    assert "Välj lösenord" in form_page.content.decode()
    password = "Ett-långt-lösen-42"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    # Logged in and straight to the app: the link was the second proof, no e-mailed code.
    assert response.status_code == 302
    assert response.url == SETUP_PAGE
    assert len(mail.outbox) == 1
    nora = User.objects.get(username="ny@example.org")
    _device, codes = enrol(client, nora)
    assert client.get("/portal/").status_code == 200
    client.logout()

    post_login(client, nora.username, password)
    assert client.get("/portal/").url.startswith("/konto/tvafaktor/?")
    response = client.post("/konto/tvafaktor/", {"token": codes[3], "next": "/portal/"})
    assert response.status_code == 302 and response.url == "/portal/"
    page = client.get("/portal/")
    assert page.status_code == 200
    assert "Du loggade in med en reservkod. Du har 9 reservkoder kvar" in page.content.decode()
    client.logout()

    post_login(client, nora.username, password)
    again = client.post("/konto/tvafaktor/", {"token": codes[3], "next": "/portal/"})
    assert again.status_code == 200
    assert "Koden stämmer inte eller har redan använts" in again.content.decode()
    assert client.get("/portal/").status_code == 302
    # The link does not open the account again.
    client.logout()
    assert "Länken fungerar inte längre" in client.get(link, follow=True).content.decode()


def test_the_invitation_link_does_not_open_an_account_that_has_a_password(client, mfa_on, rep_a):
    """A password-reset token has the same form: used at the invitation's address it must not
    log in (a reset never does) nor count as the proof for a new app."""
    from iop.accounts.services import invitation_url

    path = "/" + invitation_url(rep_a).split("://", 1)[1].split("/", 1)[1]
    page = client.get(path, follow=True)
    assert "Länken fungerar inte längre" in page.content.decode()
    assert "_auth_user_id" not in client.session


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


def test_password_reset_does_not_log_in_nor_skip_the_code(client, mfa_on, rep_a, commit):
    device = confirmed_device(rep_a)
    response = commit(client.post, "/konto/losenord/aterstall/", {"email": rep_a.email})
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
