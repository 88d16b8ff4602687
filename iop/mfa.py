"""Second factor: set up an authenticator app (TOTP), verify a code after the password, and
one-time recovery codes. Pages under /konto/ (see iop/accounts/urls.py).

The requirement itself is enforced by iop.security.MFARequiredMiddleware; these views work
whether or not it is on (anyone may set up a second factor in the demo too).

Connecting the first app takes a second proof besides the password (iop/enrolment.py): the
invitation's link, or a one-time code e-mailed to the account's address (the email_proof page).
"""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from iop import assurance
from iop.enrolment import (
    EMAIL_CODE_MINUTES,
    ENROL_PROOF_KEY,
    end_codes,
    enrolment_code_check,
    enrolment_code_send,
    grant_enrolment,
    may_enrol,
)

TOTP_NAME = "Autentiseringsapp"
RECOVERY_NAME = "Reservkoder"
RECOVERY_SESSION_KEY = "iop_new_recovery_codes"
CODE_SENT_TO_KEY = "iop_mfa_code_sent_to"


class EmailCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Kod från e-postmeddelandet"),
        max_length=20,
        help_text=gettext_lazy("Sex siffror. Koden kan användas en gång."),
        error_messages={"required": gettext_lazy("Skriv koden från e-postmeddelandet.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Engångskod"),
        max_length=16,
        help_text=gettext_lazy(
            "Sex siffror från autentiseringsappen, eller en av dina reservkoder."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split()).lower()


def _nextreverse(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


def qr_svg(text):
    """`text` as an inline SVG QR code (no image fetched from anywhere, no inline style)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    # Drop the XML declaration; the rest is plain SVG markup made by qrcode from our own data.
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :]
    return mark_safe(svg)  # noqa: S308


def _verify(user, token):
    """The device that accepts `token` (TOTP first, then a recovery code), or None.

    Each device throttles its own failures (django-otp's ThrottlingMixin), so guessing is slowed
    down per device.
    """
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(token):
                return device
    return None


def new_recovery_codes(user):
    """Replace the user's recovery codes with IOP_RECOVERY_CODE_COUNT fresh ones; return them."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(settings.IOP_RECOVERY_CODE_COUNT)]
        for code in codes:
            device.token_set.create(token=code)
    return codes


def remove_devices(user):
    """Remove every second factor of `user` (apps, recovery codes) and any e-mailed code not yet
    used, so that the next login has to start over with a new proof. Returns how many devices
    were removed. The caller records who did it and why (iop.accounts.services)."""
    with transaction.atomic():
        removed = 0
        for model in (TOTPDevice, StaticDevice):
            removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
        end_codes(user)
    return removed


@never_cache
@login_required
@sensitive_post_parameters("code")
def email_proof(request):
    """Before the first app without the invitation's link: prove that you can read the
    account's e-mail with a one-time code sent there (a stolen password alone is not enough)."""
    user = request.user
    if user_has_device(user):
        # They prove themselves with their app or a recovery code instead.
        return redirect(f"{reverse('mfa:setup')}?{request.GET.urlencode()}")
    form = EmailCodeForm(None)
    sent_to = request.session.get(CODE_SENT_TO_KEY)
    send_error = None
    if request.method == "POST" and "send" in request.POST:
        try:
            sent_to = enrolment_code_send(user)
        except ValidationError as exc:
            send_error = " ".join(exc.messages)
        else:
            request.session[CODE_SENT_TO_KEY] = sent_to
            return redirect(f"{reverse('mfa:email_proof')}?{request.GET.urlencode()}")
    elif request.method == "POST":
        form = EmailCodeForm(request.POST)
        if form.is_valid():
            try:
                enrolment_code_check(user, form.cleaned_data["code"])
            except ValidationError as exc:
                form.add_error("code", exc)
            else:
                request.session.pop(CODE_SENT_TO_KEY, None)
                grant_enrolment(request)
                return redirect(f"{reverse('mfa:setup')}?next={_nextreverse(request)}")
    return render(
        request,
        "registration/mfa_email_proof.html",
        {
            "form": form,
            "sent_to": sent_to,
            "send_error": send_error,
            "has_email": bool(user.email),
            "minutes": EMAIL_CODE_MINUTES,
            "next": _nextreverse(request),
        },
    )


@never_cache
@login_required
@sensitive_post_parameters("token")
def verify(request):
    """The second step of logging in: a code from the app or a recovery code."""
    if request.user.is_verified():
        return redirect(_nextreverse(request))
    if not user_has_device(request.user):
        return redirect(f"{reverse('mfa:setup')}?{request.GET.urlencode()}")
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = _verify(request.user, form.cleaned_data["token"])
        if device is None:
            form.add_error(
                "token",
                _("Koden stämmer inte eller har redan använts. Försök igen med en ny kod."),
            )
        else:
            request.session.cycle_key()
            otp_login(request, device)
            assurance.record(
                request, method=assurance.METHOD_TOTP, provider=_("IOP, lösenord och engångskod")
            )
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    _(
                        "Du loggade in med en reservkod. Du har %(left)s reservkoder kvar; "
                        "skapa nya under Tvåfaktorsinloggning om de börjar ta slut."
                    )
                    % {"left": left},
                )
            return redirect(_nextreverse(request))
    return render(
        request, "registration/mfa_verify.html", {"form": form, "next": _nextreverse(request)}
    )


@never_cache
@login_required
@sensitive_post_parameters("token")
def setup(request):
    """Connect an authenticator app: scan the QR code (or type the key), confirm with a code.

    A person who already has a confirmed app must pass it first (the middleware sends them to
    verify), and a person without one must have given a second proof in this session (the
    invitation's link or an e-mailed code), so a stolen password alone can neither replace
    someone's second factor nor connect the attacker's phone as the first one.
    """
    user = request.user
    if user_has_device(user):
        if not user.is_verified():
            return redirect(f"{reverse('mfa:verify')}?{request.GET.urlencode()}")
    elif not may_enrol(request):
        return redirect(f"{reverse('mfa:email_proof')}?{request.GET.urlencode()}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    form = TokenForm(request.POST if request.method == "POST" else None)
    form.fields["token"].help_text = _("Sex siffror som appen visar just nu.")
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                # One app per person: the new one replaces any earlier one.
                TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save()
                codes = new_recovery_codes(user)
            request.session.cycle_key()
            otp_login(request, device)
            assurance.record(
                request, method=assurance.METHOD_TOTP, provider=_("IOP, lösenord och engångskod")
            )
            request.session.pop(ENROL_PROOF_KEY, None)
            request.session[RECOVERY_SESSION_KEY] = codes
            messages.success(request, _("Tvåfaktorsinloggningen är påslagen."))
            return redirect(f"{reverse('mfa:recovery_codes')}?next={_nextreverse(request)}")
        form.add_error(
            "token",
            _("Koden stämmer inte. Kontrollera att klockan i telefonen går rätt och försök igen."),
        )
    secret = _base32(device)
    return render(
        request,
        "registration/mfa_setup.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": _nextreverse(request),
        },
    )


def _base32(device):
    return b32encode(device.bin_key).decode().rstrip("=")


@never_cache
@login_required
def recovery_codes(request):
    """Show freshly made recovery codes once; POST makes a new set (the old ones stop working)."""
    if request.method == "POST":
        if not request.user.is_verified():
            return redirect(f"{reverse('mfa:verify')}?next={reverse('mfa:recovery_codes')}")
        request.session[RECOVERY_SESSION_KEY] = new_recovery_codes(request.user)
        messages.success(request, _("Nya reservkoder är skapade. De gamla fungerar inte längre."))
        return redirect("mfa:recovery_codes")
    codes = request.session.pop(RECOVERY_SESSION_KEY, None)
    left = sum(
        device.token_set.count()
        for device in StaticDevice.objects.filter(user=request.user, confirmed=True)
    )
    return render(
        request,
        "registration/mfa_recovery_codes.html",
        {
            "codes": codes,
            "left": left,
            "has_app": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
            "next": _nextreverse(request),
        },
    )


@never_cache
@login_required
def account(request):
    """My account: password and second factor in one place."""
    user = request.user
    return render(
        request,
        "registration/account.html",
        {
            "has_app": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            "codes_left": sum(
                device.token_set.count()
                for device in StaticDevice.objects.filter(user=user, confirmed=True)
            ),
            "mfa_required": settings.IOP_REQUIRE_MFA,
        },
    )
