"""Signing in over OpenID Connect (iop/oidc.py) in Chromium against a real OpenID provider:
panva's oidc-provider (npm, certified), started on loopback by tests/oidc/provider.mjs. Staff
through "the city's provider", representatives binding their eID at activation and signing in
with it later; refused sign-ins (unknown subject, deactivated account, wrong nonce, expired ID
token) end on the login page with a Swedish message; logging out ends the provider's session."""

import json
import os
import socket
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from iop import oidc
from iop.accounts.models import SignInIdentity, User
from iop.accounts.services import invitation_url
from tests.factories import RepresentativeFactory, UserFactory

PROVIDER_DIR = Path(__file__).resolve().parents[1] / "oidc"
PNR_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"
LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"
ACCOUNTS = {
    "hanna-sub": {"email": "hanna@example.org", "groups": ["iop-handlaggare"]},
    "nils-sub": {"email": "nils@example.org", "groups": ["ekonomi"]},
    "nora-eid": {PNR_CLAIM: "199001012380", "name": "Nora Ny"},
}
CLIENTS = [
    {
        "client_id": "iop-staff",
        "client_secret": "staff-secret",
        "callback": "/logga-in/oidc/staff/svar/",
    },
    {"client_id": "iop-eid", "client_secret": "eid-secret", "callback": "/logga-in/oidc/eid/svar/"},
]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_provider(rp_base, *, clock_offset=0):
    if not (PROVIDER_DIR / "node_modules").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PROVIDER_DIR, check=True)
    port = _free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "RP_BASE": rp_base,
        "ACCOUNTS": json.dumps(ACCOUNTS),
        "CLIENTS": json.dumps(CLIENTS),
        "ACR": LOA3,
        "AMR": "pwd,mfa",
        "CLOCK_OFFSET": str(clock_offset),
        "ID_TOKEN_TTL": "60",
    }
    process = subprocess.Popen(
        ["node", "provider.mjs"],
        cwd=PROVIDER_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = process.stdout.readline()
    if not line.startswith("listening"):
        process.kill()
        pytest.fail(f"the test OpenID provider did not start: {line!r}")
    return process, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def providers(live_server):
    """Two provider processes: a normal one, and one whose clock runs ten minutes behind, so
    that every ID token it signs (valid 60 s) has expired when it arrives."""
    normal, normal_url = _start_provider(live_server.url)
    late, late_url = _start_provider(live_server.url, clock_offset=-600)
    yield {"normal": normal_url, "late": late_url}
    for process in (normal, late):
        process.terminate()
        process.wait(timeout=10)


def _config(key, issuer, **extra):
    client = next(c for c in CLIENTS if c["client_id"] == f"iop-{key}")
    config = {
        "key": key,
        "name": "Stockholms stad" if key == "staff" else "BankID",
        "issuer": issuer,
        "authorization_endpoint": "",
        "token_endpoint": "",
        "userinfo_endpoint": "",
        "jwks_uri": "",
        "end_session_endpoint": "",
        "client_id": client["client_id"],
        "client_secret": client["client_secret"],
        "token_auth": "basic",
        "sign_algo": "RS256",
        "scopes": "openid email groups" if key == "staff" else "openid profile pnr",
        "identity_claim": "sub" if key == "staff" else PNR_CLAIM,
        "role_claim": "groups" if key == "staff" else "",
        "staff_values": ["iop-handlaggare"] if key == "staff" else [],
        "match_claim": "email" if key == "staff" else "",
        "accepted_acr": [] if key == "staff" else [LOA3],
        "accepted_amr": ["mfa"] if key == "staff" else [],
    }
    config.update(extra)
    return config


@pytest.fixture
def configured(settings, providers):
    """Both providers configured, and the second factor required: a sign-in through them must
    not ask for a one-time code."""
    settings.IOP_REQUIRE_MFA = True
    settings.IOP_OIDC_PROVIDERS = [
        _config("staff", providers["normal"]),
        _config("eid", providers["normal"]),
    ]
    oidc._discovered.clear()
    yield settings
    oidc._discovered.clear()


@pytest.fixture(autouse=True)
def patient(page):
    """Two servers and a live server's first request (which imports every view) on a loaded
    machine take longer than the suite's 15 s."""
    page.set_default_timeout(60_000)


def _sign_in_at(page, button, subject):
    page.goto(f"{page.base_url}/logga-in/")
    page.get_by_role("link", name=button).click()
    page.wait_for_url("http://127.0.0.1:*/interaction/**")
    page.get_by_label("Subject").fill(subject)
    page.get_by_role("button", name="Sign in").click()


def _refused(page, message):
    page.wait_for_url(f"{page.base_url}/logga-in/")
    expect(page.locator(".messages")).to_contain_text(message)
    # Nobody is signed in.
    expect(page.get_by_role("button", name="Logga ut")).to_have_count(0)


def test_staff_sign_in_is_strong_and_logout_ends_it_at_the_provider(page, configured):
    UserFactory(username="hanna", email="hanna@example.org", role=User.Role.REPRESENTATIVE)
    User.objects.filter(username="hanna").update(organisation=None)
    _sign_in_at(page, "Logga in med Stockholms stad", "hanna-sub")
    # Straight to Att göra: the group gave the förvaltning role, the provider's MFA the
    # second factor (no one-time code asked for).
    page.wait_for_url(f"{page.base_url}/att-gora/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Att göra")
    hanna = User.objects.get(username="hanna")
    assert hanna.role == User.Role.ADMINISTRATION
    assert SignInIdentity.objects.filter(user=hanna, provider="staff").count() == 1

    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url("http://127.0.0.1:*/session/end**")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{page.base_url}/logga-in/")
    # The provider forgot her too: signing in again asks who she is.
    page.get_by_role("link", name="Logga in med Stockholms stad").click()
    page.wait_for_url("http://127.0.0.1:*/interaction/**")
    expect(page.get_by_label("Subject")).to_be_visible()


def test_unknown_subject_is_refused(page, configured):
    _sign_in_at(page, "Logga in med Stockholms stad", "okand-person")
    _refused(page, "Det finns inget konto i IOP för den du loggade in som hos Stockholms stad")


def test_staff_without_the_group_is_refused(page, configured):
    UserFactory(username="nils", email="nils@example.org")
    _sign_in_at(page, "Logga in med Stockholms stad", "nils-sub")
    _refused(page, "ger inte behörighet till IOP som handläggare")


def test_deactivated_account_is_refused(page, configured):
    UserFactory(username="hanna", email="hanna@example.org", is_active=False)
    _sign_in_at(page, "Logga in med Stockholms stad", "hanna-sub")
    _refused(page, "Kontot är inaktiverat")


def test_id_token_with_another_nonce_is_refused(page, configured, providers):
    """The authorization request altered on its way to the provider (another nonce): the
    provider signs an ID token for that nonce, which this session never sent. (Playwright does
    not route a redirected request, so the redirect to the provider is the one altered.)"""
    UserFactory(username="hanna", email="hanna@example.org")

    def other_nonce(route):
        response = route.fetch(max_redirects=0)
        headers = dict(response.headers)
        headers["location"] = headers["location"].replace("nonce=", "nonce=someone-elses")
        assert headers["location"].startswith(providers["normal"])
        route.fulfill(response=response, status=302, headers=headers)

    page.route("**/logga-in/oidc/staff/", other_nonce)
    _sign_in_at(page, "Logga in med Stockholms stad", "hanna-sub")
    _refused(page, "intyget från Stockholms stad hör inte till den här inloggningen")


def test_expired_id_token_is_refused(page, configured, providers):
    UserFactory(username="hanna", email="hanna@example.org")
    configured.IOP_OIDC_PROVIDERS = [_config("staff", providers["late"])]
    _sign_in_at(page, "Logga in med Stockholms stad", "hanna-sub")
    _refused(page, "Intyget från Stockholms stad har redan gått ut")


def test_representative_binds_eid_at_activation_then_signs_in_with_it(page, configured):
    nora = RepresentativeFactory(username="nora", first_name="Nora", last_name="Ny")
    nora.set_unusable_password()
    nora.save()
    link = invitation_url(nora, page.base_url)

    page.goto(link)
    page.get_by_role("button", name="Aktivera med BankID").click()
    page.wait_for_url("http://127.0.0.1:*/interaction/**")
    page.get_by_label("Subject").fill("nora-eid")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{page.base_url}/portal/")
    expect(page.locator(".messages")).to_contain_text("Kontot är aktiverat")
    identity = SignInIdentity.objects.get(user=nora)
    # Only a keyed hash of the personal identity number is kept.
    assert identity.provider == "eid" and "199001012380" not in identity.identity_hash
    assert len(identity.identity_hash) == 64

    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url("http://127.0.0.1:*/session/end**")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{page.base_url}/logga-in/")

    # The invitation's link has done its work.
    page.goto(link)
    expect(page.get_by_text("Länken fungerar inte längre")).to_be_visible()

    _sign_in_at(page, "Logga in med BankID", "nora-eid")
    page.wait_for_url(f"{page.base_url}/portal/")
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
