"""Signing in over OpenID Connect: staff through the city's provider, NGO representatives
through an eID provider (settings.IOP_OIDC_PROVIDERS, one dict per provider).

The protocol is mozilla-django-oidc's: the authorization request with state, nonce and PKCE
(S256), the code exchanged at the token endpoint, the ID token's signature checked against the
provider's JWKS, the nonce compared, userinfo fetched. Its views and backend read one provider
from Django's settings; here each instance reads the provider it was made for, and the callback
below turns every way a sign-in can fail into a Swedish message on the login page. Who the person
is in IOP (a bound identity, an e-mail at the first staff sign-in, the binding at activation) is
decided in iop.accounts.services.

A sign-in whose `acr` or `amr` the installation accepts is strong (iop.assurance): no one-time
code on top. One that is not is refused, since the provider is the person's only way in here.
"""

import logging
import threading
import time
from datetime import UTC, datetime
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from iop import assurance
from iop.accounts import services as account_services

logger = logging.getLogger(__name__)

# Which provider this session signed in with, and its ID token (the hint logout sends back).
SESSION_KEY = "iop_oidc"
# An invitation's link opened and the eID login asked for: which account to bind it to.
BIND_SESSION_KEY = "iop_oidc_bind"
BIND_MINUTES = 30
TIMEOUT = 10  # seconds for every request to a provider
KEYS = ("staff", "eid")
_discovered = {}
_discovery_lock = threading.Lock()


class LoginView(auth_views.LoginView):
    """Django's login page, with a "Logga in med <provider>" button for each configured one."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(oidc_providers=list(providers().values()), **kwargs)


class SignInRefused(Exception):
    """A sign-in that must not go through; the message is for the person."""


def providers():
    return {provider["key"]: provider for provider in settings.IOP_OIDC_PROVIDERS}


def provider_or_404(key):
    try:
        return providers()[key]
    except KeyError:
        raise Http404 from None


def endpoints(provider):
    """The provider's endpoints: those configured, the rest from its discovery document
    (fetched once per process)."""
    names = ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")
    names += ("end_session_endpoint",)
    found = {name: provider[name] for name in names if provider[name]}
    if len(found) < len(names):
        issuer = provider["issuer"]
        with _discovery_lock:
            if issuer not in _discovered:
                response = requests.get(
                    f"{issuer}/.well-known/openid-configuration", timeout=TIMEOUT
                )
                response.raise_for_status()
                _discovered[issuer] = response.json()
        found = {name: found.get(name) or _discovered[issuer].get(name, "") for name in names}
    return found


def form_action_sources():
    """Origins a form here may end up at: logging out and activating with eID post a form that
    is redirected to the provider, and the Content-Security-Policy's form-action covers
    redirects too."""
    sources = set()
    for provider in settings.IOP_OIDC_PROVIDERS:
        for url in (provider["issuer"], provider["authorization_endpoint"]):
            url = url or provider["issuer"]
            sources.add("/".join(url.split("/")[:3]))
        if provider["end_session_endpoint"]:
            sources.add("/".join(provider["end_session_endpoint"].split("/")[:3]))
    return sorted(sources)


class ProviderFormActionMiddleware:
    """Adds the providers' origins to the page's CSP form-action (django-csp reads
    `response._csp_update`). Below csp's middleware in MIDDLEWARE, so it runs first on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        sources = form_action_sources()
        if sources:
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = list(update.get("form-action", [])) + sources
            response._csp_update = update
        return response


def _library_settings(provider):
    """mozilla-django-oidc's settings, for this one provider."""
    found = endpoints(provider)
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": found["authorization_endpoint"],
        "OIDC_OP_TOKEN_ENDPOINT": found["token_endpoint"],
        "OIDC_OP_USER_ENDPOINT": found["userinfo_endpoint"],
        "OIDC_OP_JWKS_ENDPOINT": found["jwks_uri"],
        "OIDC_RP_CLIENT_ID": provider["client_id"],
        "OIDC_RP_CLIENT_SECRET": provider["client_secret"],
        "OIDC_RP_SIGN_ALGO": provider["sign_algo"],
        "OIDC_RP_SCOPES": provider["scopes"],
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
        "OIDC_TOKEN_USE_BASIC_AUTH": provider["token_auth"] == "basic",
        "OIDC_AUTHENTICATION_CALLBACK_URL": f"oidc:callback_{provider['key']}",
        "OIDC_TIMEOUT": TIMEOUT,
        "OIDC_CREATE_USER": False,
        "OIDC_ALLOW_UNSECURED_JWT": False,
        "OIDC_STORE_ID_TOKEN": False,
    }


class _ProviderSettings:
    provider = None  # the provider's dict; set per instance

    def get_settings(self, attr, *args):
        values = self.__dict__.get("_settings")
        if values is None:
            values = self._settings = _library_settings(self.provider)
        if attr in values:
            return values[attr]
        return import_from_settings(attr, *args)


class StartView(_ProviderSettings, OIDCAuthenticationRequestView):
    """Sends the browser to the provider (state, nonce and PKCE kept in the session)."""

    def get_extra_params(self, request):
        acr = self.provider["accepted_acr"]
        return {"acr_values": " ".join(acr)} if acr else {}


class Backend(_ProviderSettings, OIDCAuthenticationBackend):
    """The library's code exchange and ID token checks for one provider; not one of
    AUTHENTICATION_BACKENDS (the callback calls it), so a password login never reaches it."""

    def __init__(self, provider):
        self.provider = provider
        super().__init__()

    def get_payload_data(self, token, key):
        # The library checks the signature and expiry only; the issuer and the audience must
        # be this provider and this client too (OpenID Connect Core 3.1.3.7).
        header = jwt.get_unverified_header(token)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise jwt.InvalidAlgorithmError(header.get("alg"))
        return jwt.decode(
            token,
            key,
            algorithms=[self.OIDC_RP_SIGN_ALGO],
            audience=self.OIDC_RP_CLIENT_ID,
            issuer=self.provider["issuer"],
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
        )

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SignInRefused(_("Svaret från %(provider)s kunde inte kontrolleras."))
        self.id_token, self.id_claims, self.claims = id_token, payload, claims
        return claims  # the callback decides who this is

    def store_tokens(self, access_token, id_token):
        pass


def _is_strong(provider, id_claims):
    acr = id_claims.get("acr") or ""
    amr = id_claims.get("amr") or []
    return acr in provider["accepted_acr"] or bool(set(amr) & set(provider["accepted_amr"]))


@never_cache
def start(request, provider):
    """/logga-in/oidc/<provider>/: on to the provider's login."""
    config = provider_or_404(provider)
    try:
        return StartView.as_view(provider=config)(request)
    except requests.RequestException:
        logger.exception("OpenID provider %s unreachable", provider)
        messages.error(
            request,
            _("Det gick inte att nå %(provider)s just nu. Försök igen om en stund.")
            % {"provider": config["name"]},
        )
        return redirect("login")


def bind_at_activation(request, user):
    """The invitation's link has been opened and checked: the eID login that follows binds its
    identity to `user` (within BIND_MINUTES)."""
    request.session[BIND_SESSION_KEY] = {"user": user.pk, "at": int(time.time())}


def _callback(key):
    @never_cache
    def callback(request):
        config = provider_or_404(key)
        try:
            return _complete(request, config)
        except SignInRefused as refused:
            message = str(refused) % {"provider": config["name"]}
        messages.error(request, message)
        return redirect("login")

    callback.__name__ = f"callback_{key}"
    return callback


def _complete(request, config):
    # An activation's binding is for this one answer: a cancelled or refused sign-in must not
    # leave it for the next person to sign in in the same browser.
    bind = request.session.pop(BIND_SESSION_KEY, None)
    error = request.GET.get("error")
    states = request.session.get("oidc_states") or {}
    state = request.GET.get("state")
    entry = states.pop(state, None) if state else None
    request.session["oidc_states"] = states  # used once, whatever happens next
    if error:
        raise SignInRefused(_("Inloggningen hos %(provider)s avbröts eller misslyckades."))
    if entry is None or not request.GET.get("code"):
        raise SignInRefused(
            _(
                "Inloggningen kunde inte slutföras: svaret från %(provider)s hör inte till en "
                "inloggning som påbörjades här. Börja om från inloggningssidan."
            )
        )
    backend = Backend(config)
    try:
        backend.authenticate(
            request, nonce=entry["nonce"], code_verifier=entry.get("code_verifier")
        )
    except jwt.ExpiredSignatureError:
        raise SignInRefused(
            _("Intyget från %(provider)s har redan gått ut. Logga in igen.")
        ) from None
    except SuspiciousOperation as exc:
        logger.warning("OpenID sign-in refused: %s", exc)
        raise SignInRefused(
            _(
                "Inloggningen kunde inte slutföras: intyget från %(provider)s hör inte till "
                "den här inloggningen. Börja om från inloggningssidan."
            )
        ) from None
    except requests.HTTPError as exc:
        logger.warning("OpenID provider %s refused the code: %s", config["key"], exc)
        raise SignInRefused(
            _("Inloggningen hos %(provider)s kunde inte slutföras. Börja om från inloggningssidan.")
        ) from None
    except jwt.InvalidTokenError as exc:
        logger.warning("OpenID ID token refused: %s", exc)
        raise SignInRefused(_("Intyget från %(provider)s kunde inte kontrolleras.")) from None
    except requests.RequestException:
        logger.exception("OpenID provider %s failed", config["key"])
        raise SignInRefused(
            _("Det gick inte att nå %(provider)s just nu. Försök igen om en stund.")
        ) from None
    if not _is_strong(config, backend.id_claims):
        raise SignInRefused(
            _(
                "Inloggningen hos %(provider)s räcker inte för IOP: den var inte en stark "
                "inloggning (som BankID eller tvåfaktorsinloggning)."
            )
        )
    identity = str(backend.claims.get(config["identity_claim"]) or "")
    if not identity:
        raise SignInRefused(_("%(provider)s uppgav inte vem du är."))
    try:
        if bind and time.time() - bind.get("at", 0) <= BIND_MINUTES * 60:
            user = account_services.identity_bind(
                user_pk=bind.get("user"), provider=config["key"], identity=identity
            )
            activated = True
        else:
            user = account_services.identity_user(
                provider=config, identity=identity, claims=backend.claims
            )
            activated = False
    except ValidationError as exc:
        raise SignInRefused(" ".join(exc.messages)) from None
    next_url = request.session.get("oidc_login_next")
    auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SESSION_KEY] = {"provider": config["key"], "id_token": backend.id_token}
    asserted = backend.id_claims.get("auth_time") or backend.id_claims.get("iat")
    assurance.record(
        request,
        method=assurance.METHOD_OIDC,
        provider=config["name"],
        acr=str(backend.id_claims.get("acr") or ""),
        asserted_at=datetime.fromtimestamp(int(asserted), tz=UTC) if asserted else None,
    )
    if activated:
        messages.success(
            request,
            _("Kontot är aktiverat. Logga in med %(provider)s nästa gång också.")
            % {"provider": config["name"]},
        )
    return redirect(next_url or settings.LOGIN_REDIRECT_URL)


callbacks = {key: _callback(key) for key in KEYS}


def logout_url(request):
    """Where logging out continues: the provider's end_session endpoint, which ends the sign-in
    there too, when this session came from a provider that has one; else None. Read before the
    session is flushed."""
    data = request.session.get(SESSION_KEY)
    config = providers().get(data["provider"]) if data else None
    if config is None:
        return None
    try:
        end_session = endpoints(config)["end_session_endpoint"]
    except requests.RequestException:
        return None
    if not end_session:
        return None
    query = urlencode(
        {
            "id_token_hint": data["id_token"],
            "client_id": config["client_id"],
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
        }
    )
    return f"{end_session}?{query}"
