"""Cross-cutting security pieces: the client address behind the proxy, session timeouts, the
second-factor requirement, what a signed-in person's browser may keep, ending the sessions of a
deactivated account, and the page for a form whose CSRF token was refused.

Settings are in iop/settings.py ("Security"); the second-factor pages are in iop/mfa.py.
"""

import ipaddress
import time
from urllib.parse import urlencode

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import user_has_device

from iop import assurance, oidc

LOGIN_AT_KEY = "iop_login_at"
LAST_SEEN_KEY = "iop_last_seen"
# Writing the last-seen time on every request would save the session on every request; a
# minute's resolution is plenty for a 30-minute idle timeout.
LAST_SEEN_RESOLUTION = 60


def client_ip(request):
    """The client's address for django-axes (and logs).

    The socket's address (REMOTE_ADDR), unless the request came from one of
    IOP_TRUSTED_PROXIES: then it is the LAST entry of X-Forwarded-For, the address that proxy
    saw (nginx replaces the header; a proxy that appends puts its own view last, and anything
    before it is the client's own words). A header from anyone else is ignored, so a client
    reaching gunicorn directly cannot pick a new address for every guess. A last entry that is
    no address (a misconfigured proxy) falls back to the socket's address too.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    if not _is_trusted_proxy(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [item.strip() for item in forwarded.split(",") if item.strip()]
    if entries:
        try:
            return str(ipaddress.ip_address(entries[-1]))
        except ValueError:
            pass
    return remote


def _is_trusted_proxy(address):
    if not address or not settings.IOP_TRUSTED_PROXIES:
        return False
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    # A dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d.
    parsed = getattr(parsed, "ipv4_mapped", None) or parsed
    return any(parsed in network for network in settings.IOP_TRUSTED_PROXIES)


FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")


class ForwardedHeadersMiddleware:
    """Drops the X-Forwarded-* headers of a request that did not come from one of
    IOP_TRUSTED_PROXIES, before anything reads them: otherwise a client reaching gunicorn
    directly could claim HTTPS (SECURE_PROXY_SSL_HEADER) as easily as another address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_trusted_proxy(request.META.get("REMOTE_ADDR")):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)


# --- Session timeouts ---------------------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="iop.security.stamp_login")
def stamp_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGIN_AT_KEY] = now
        request.session[LAST_SEEN_KEY] = now


class SessionTimeoutMiddleware:
    """Log out after IOP_SESSION_IDLE_MINUTES without a request (sliding) and
    IOP_SESSION_MAX_HOURS after the login (absolute), whichever comes first (ASVS 3.3)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session = request.session
            now = int(time.time())
            login_at = session.get(LOGIN_AT_KEY)
            last_seen = session.get(LAST_SEEN_KEY)
            if login_at is None or last_seen is None:
                # A session from before this middleware (or force_login in tests): start the
                # clocks now rather than throwing the person out.
                session[LOGIN_AT_KEY] = login_at = now
                session[LAST_SEEN_KEY] = last_seen = now
            idle = now - last_seen > settings.IOP_SESSION_IDLE_MINUTES * 60
            too_old = now - login_at > settings.IOP_SESSION_MAX_HOURS * 3600
            if idle or too_old:
                logout(request)
                messages.info(
                    request,
                    _("Du har loggats ut eftersom du varit inaktiv en längre stund.")
                    if idle
                    else _("Du har loggats ut eftersom inloggningen är äldre än %(hours)s timmar.")
                    % {"hours": settings.IOP_SESSION_MAX_HOURS},
                )
                return redirect(
                    f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"
                )
            if now - last_seen >= LAST_SEEN_RESOLUTION:
                session[LAST_SEEN_KEY] = now
        return self.get_response(request)


# --- Second factor --------------------------------------------------------------------------


def mfa_required_for(user):
    """Whether `user` must have passed a second factor in this session."""
    return bool(settings.IOP_REQUIRE_MFA and user.is_authenticated)


def is_verified(request):
    """Whether this session's sign-in was strong: a one-time code after the password (django-otp's
    user.is_verified()), or an OpenID Connect provider's sign-in whose acr/amr the installation
    accepts (iop.oidc records it in iop.assurance), which needs no code on top."""
    user = request.user
    if user.is_verified():
        return True
    strong = assurance.of(request)
    return strong is not None and strong.method == assurance.METHOD_OIDC


# Paths an authenticated but not yet verified person may reach: the second-factor pages
# themselves, logging out, switching language, static files.
def _mfa_exempt_prefixes():
    return (
        reverse("mfa:verify"),
        reverse("mfa:setup"),
        reverse("logout"),
        reverse("set_language"),
        "/" + settings.STATIC_URL.lstrip("/"),
    )


class MFARequiredMiddleware:
    """With IOP_REQUIRE_MFA, a logged-in person who has not passed the second factor in this
    session reaches nothing but the second-factor pages: they are sent to verify a code, or to
    set up an authenticator app if they have none. Covers the admin, every app, and a login
    after a password reset alike, because it looks at the session, not at how it was created."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and mfa_required_for(user) and not is_verified(request):
            path = request.path
            if not path.startswith(_mfa_exempt_prefixes()):
                target = "mfa:verify" if user_has_device(user) else "mfa:setup"
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


# --- What the browser keeps ------------------------------------------------------------------

PRIVATE_CACHE_CONTROL = "private, no-store"


class NoStoreForSignedInMiddleware:
    """Every response to a signed-in person, downloads included, says `private, no-store`, so
    neither a shared computer's browser cache nor a proxy keeps a copy of a private page or
    file (ASVS 8.2.1). It replaces a weaker value a view chose (a `max-age`) rather than adding
    to it. Anonymous responses are left as their views made them: the login page and the pages
    behind a reset or invitation link are never_cache already, and the calendar feed, which
    calendar apps fetch without a login, may be kept for its 15 minutes.

    Near the top of MIDDLEWARE, so it sees the response every other middleware has finished
    with (CommonMiddleware's redirect to the URL with a slash, say); request.user has been set
    by then.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response


CLEAR_STORAGE = '"storage"'


class LogoutView(auth_views.LogoutView):
    """Django's logout, which also has the browser empty what this site put in its storage
    (localStorage, IndexedDB, …) so that nothing of this person's is left on a shared computer
    for the next one (ASVS 8.2.3). The header takes effect on HTTPS and on localhost."""

    def post(self, request, *args, **kwargs):
        # A session from an OpenID provider ends there too (its end_session endpoint, which
        # comes back to the login page); read before Django's logout empties the session.
        at_provider = oidc.logout_url(request)
        response = super().post(request, *args, **kwargs)
        if at_provider:
            response = HttpResponseRedirect(at_provider)
        response["Clear-Site-Data"] = CLEAR_STORAGE
        return response


# --- Deactivated accounts -------------------------------------------------------------------


def delete_sessions_of(user_pk):
    """Delete every stored session that belongs to `user_pk`. Returns how many.

    Sessions are signed blobs keyed by a random id, so this decodes each live one; it runs only
    when an account is deactivated.
    """
    deleted = 0
    user_pk = str(user_pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == user_pk:
            session.delete()
            deleted += 1
    return deleted


@receiver(pre_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="iop.security.remember_active")
def _remember_active(sender, instance, **kwargs):
    if instance.pk:
        previous = sender.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
        instance._iop_was_active = previous
    else:
        instance._iop_was_active = None


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="iop.security.end_sessions")
def _end_sessions_of_deactivated(sender, instance, created, **kwargs):
    if not created and not instance.is_active and getattr(instance, "_iop_was_active", None):
        delete_sessions_of(instance.pk)


# --- Admin ----------------------------------------------------------------------------------


class AdminSite(admin.AdminSite):
    """The admin refuses an unverified session when the second factor is required, even if a
    request somehow got past MFARequiredMiddleware (same rule as django_otp's OTPAdminSite).
    Administrators keep password + one-time code: a sign-in through an OpenID provider does
    not open the admin."""

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not mfa_required_for(request.user) or request.user.is_verified()

    def logout(self, request, extra_context=None):
        # The same as the site's logout (LogoutView above): nothing left in the browser's storage.
        response = super().logout(request, extra_context)
        response["Clear-Site-Data"] = CLEAR_STORAGE
        return response


# --- Lockout page ---------------------------------------------------------------------------


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a Swedish page, HTTP 429."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return render(
        request,
        "registration/lockout.html",
        {"cooloff_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


# --- Refused form (CSRF) --------------------------------------------------------------------


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form whose token was refused, usually one left open past a login or
    logout in another tab. Says in Swedish that nothing was saved and how to send it again;
    Django has already logged the reason. Rendering the page's own forms hands out a new token."""
    referer = request.META.get("HTTP_REFERER", "")
    back = (
        referer
        if url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        else None
    )
    return render(request, "403_csrf.html", {"back_url": back}, status=403)
