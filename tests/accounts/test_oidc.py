"""The OpenID Connect routes without a provider, with one but a broken answer, and the rules
deciding who a sign-in is (iop/oidc.py, iop.accounts.services). The real protocol runs in
tests/browser/test_oidc_sign_in.py against a real provider."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from iop import assurance
from iop.accounts.models import AccountEvent, SignInIdentity, User
from iop.accounts.services import identity_bind, identity_hash, identity_user
from tests.browser.test_oidc_sign_in import _config
from tests.factories import PublicOrganisationFactory, RepresentativeFactory, UserFactory

ROUTES = ["oidc:callback_staff", "oidc:callback_eid"]


def _explicit(key):
    """A provider whose endpoints are configured (nothing is fetched from it here)."""
    base = "https://idp.example.org"
    return _config(
        key,
        base,
        authorization_endpoint=f"{base}/auth",
        token_endpoint=f"{base}/token",
        userinfo_endpoint=f"{base}/me",
        jwks_uri=f"{base}/jwks",
        end_session_endpoint=f"{base}/logout",
    )


@pytest.fixture
def configured(db, settings):
    settings.IOP_OIDC_PROVIDERS = [_explicit("staff"), _explicit("eid")]
    return settings


@pytest.mark.parametrize("name", ROUTES)
def test_without_a_provider_the_routes_do_not_exist(client, staff, name, settings):
    settings.IOP_OIDC_PROVIDERS = []
    assert client.get(reverse(name)).status_code == 404
    client.force_login(staff)
    assert client.get(reverse(name)).status_code == 404
    assert client.get(reverse("oidc:start", args=["staff"])).status_code == 404


def test_login_page_offers_each_provider(client, configured, settings):
    page = client.get(reverse("login")).content.decode()
    assert "Logga in med Stockholms stad" in page and "Logga in med BankID" in page
    settings.IOP_OIDC_PROVIDERS = []
    assert "Logga in med" not in client.get(reverse("login")).content.decode()


def test_start_sends_state_nonce_and_pkce(client, configured):
    response = client.get(reverse("oidc:start", args=["eid"]) + "?next=/portal/")
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.url).query)
    assert response.url.startswith("https://idp.example.org/auth?")
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
    assert query["state"] and query["nonce"]
    assert query["acr_values"] == ["http://id.elegnamnden.se/loa/1.0/loa3"]
    assert query["redirect_uri"] == ["http://testserver/logga-in/oidc/eid/svar/"]


@pytest.mark.parametrize("name", ROUTES)
@pytest.mark.parametrize(
    "query, message",
    [
        ("", "hör inte till en inloggning som påbörjades här"),
        ("?code=abc&state=forged", "hör inte till en inloggning som påbörjades här"),
        ("?error=access_denied&state=x", "avbröts eller misslyckades"),
    ],
)
def test_a_broken_answer_ends_on_the_login_page_in_swedish(
    client, configured, name, query, message
):
    response = client.get(reverse(name) + query, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("login")
    assert message in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_an_oidc_session_passes_the_mfa_requirement_without_totp(client, staff, settings):
    settings.IOP_REQUIRE_MFA = True
    client.force_login(staff)
    assert client.get(reverse("todo")).status_code == 302  # to the one-time code
    session = client.session
    session[assurance.SESSION_KEY] = {
        "method": assurance.METHOD_OIDC,
        "provider": "Stockholms stad",
        "acr": "",
        "asserted_at": "2026-12-06T10:00:00+00:00",
    }
    session.save()
    assert client.get(reverse("todo")).status_code == 200


def test_staff_identity_is_matched_once_by_email_then_by_the_binding(db):
    provider = _explicit("staff")
    hanna = UserFactory(email="hanna@example.org", role=User.Role.REPRESENTATIVE)
    claims = {"sub": "s-1", "email": "HANNA@example.org", "groups": ["iop-handlaggare"]}
    assert identity_user(provider=provider, identity="s-1", claims=claims) == hanna
    hanna.refresh_from_db()
    assert hanna.role == User.Role.ADMINISTRATION
    # The account's history says where the role came from.
    (event,) = hanna.account_events.all()
    assert event.action == AccountEvent.Action.ROLE_FROM_PROVIDER and event.actor == hanna
    assert "groups" in event.reason
    # Later the e-mail may change at the provider: the binding still finds her.
    claims["email"] = "hanna.ny@example.org"
    assert identity_user(provider=provider, identity="s-1", claims=claims) == hanna
    # Someone else with her old address at the provider does not get her account.
    with pytest.raises(ValidationError):
        identity_user(
            provider=provider,
            identity="s-2",
            claims={"sub": "s-2", "email": "hanna@example.org", "groups": ["iop-handlaggare"]},
        )


def test_a_representatives_account_is_never_made_staff_by_the_city_provider(db):
    """Someone whose e-mail at the city's provider is that of an NGO representative's account
    does not get into the förvaltning's view with it."""
    rep = RepresentativeFactory(email="nora@example.org")
    claims = {"sub": "s-9", "email": "nora@example.org", "groups": ["iop-handlaggare"]}
    with pytest.raises(ValidationError, match="hör till en idéburen organisation"):
        identity_user(provider=_explicit("staff"), identity="s-9", claims=claims)
    rep.refresh_from_db()
    assert rep.role == User.Role.REPRESENTATIVE
    assert not rep.sign_in_identities.exists() and not rep.account_events.exists()

    # Staff who belong to the city's own organisation (as the demo's handläggare does) do.
    city = PublicOrganisationFactory()
    hanna = UserFactory(email="hanna@example.org", role=User.Role.ADMINISTRATION, organisation=city)
    claims = {"sub": "s-10", "email": "hanna@example.org", "groups": ["iop-handlaggare"]}
    assert identity_user(provider=_explicit("staff"), identity="s-10", claims=claims) == hanna
    assert not hanna.account_events.exists()  # already staff: no role given


def test_administrators_keep_password_and_totp(db):
    UserFactory(email="admin@example.org", is_superuser=True)
    claims = {"sub": "a", "email": "admin@example.org", "groups": ["iop-handlaggare"]}
    with pytest.raises(ValidationError, match="Administratörer loggar in med lösenord"):
        identity_user(provider=_explicit("staff"), identity="a", claims=claims)


def test_personal_identity_number_is_kept_only_as_a_keyed_hash(db, settings):
    nora = RepresentativeFactory()
    nora.set_unusable_password()
    nora.save()
    identity_bind(user_pk=nora.pk, provider="eid", identity="199001012380")
    row = SignInIdentity.objects.get(user=nora)
    assert row.identity_hash == identity_hash("eid", "199001012380")
    assert "199001012380" not in row.identity_hash
    # The same eID cannot be bound to a second account.
    other = RepresentativeFactory()
    other.set_unusable_password()
    other.save()
    with pytest.raises(ValidationError, match="redan kopplad"):
        identity_bind(user_pk=other.pk, provider="eid", identity="199001012380")
    # Without the key the hash cannot be recomputed.
    settings.IOP_IDENTITY_HASH_KEY = "another key"
    assert identity_hash("eid", "199001012380") != row.identity_hash


def test_identities_are_not_in_the_admin(admin_client):
    from django.contrib import admin

    assert SignInIdentity not in admin.site._registry
