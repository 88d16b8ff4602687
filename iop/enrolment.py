"""The second proof, besides the password, that someone without an authenticator app must give
before connecting one; otherwise whoever has the password would connect their own phone.

Either proof marks the session as allowed to connect an app for ENROL_PROOF_MINUTES:
  - the invitation's one-time link (reporting.views.portal.ActivateView), sent by e-mail to the
    new representative alone;
  - a one-time code e-mailed to the account's address (the page is iop.mfa.email_proof).
Someone who already has an app proves themselves with it, or a recovery code, instead.
"""

import secrets
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from iop.accounts.models import EnrolmentCode
from iop.mail import mail_queue
from iop.models import OutgoingMail

ENROL_PROOF_KEY = "iop_mfa_enrol_proof"
# Time to install an app and scan the code after the link or the e-mailed code.
ENROL_PROOF_MINUTES = 30
EMAIL_CODE_DIGITS = 6
EMAIL_CODE_MINUTES = 15
EMAIL_CODE_ATTEMPTS = 5
# At most this many codes per account in 24 hours, one a minute: with EMAIL_CODE_ATTEMPTS tries
# each, 25 guesses a day at a six-digit code.
EMAIL_CODES_PER_DAY = 5
EMAIL_CODE_INTERVAL = timedelta(minutes=1)


def grant_enrolment(request):
    """Let this session connect an authenticator app for the logged-in person, for
    ENROL_PROOF_MINUTES: they have just proved they can read the account's e-mail."""
    request.session[ENROL_PROOF_KEY] = {"user": request.user.pk, "at": int(time.time())}


def may_enrol(request):
    """Whether this session may connect an app without first passing an existing one."""
    proof = request.session.get(ENROL_PROOF_KEY)
    return (
        isinstance(proof, dict)
        and proof.get("user") == request.user.pk
        and time.time() - proof.get("at", 0) <= ENROL_PROOF_MINUTES * 60
    )


def _code_hash(user, code):
    # Keyed with SECRET_KEY: a six-digit code's plain hash would be reversed in a second.
    return salted_hmac(
        "iop.mfa.enrolment-code", f"{user.pk}:{code}", algorithm="sha256"
    ).hexdigest()


def _masked(email):
    """`nora.ny@example.org` as `n…@example.org`: enough to recognise, not to learn."""
    local, _sep, domain = email.partition("@")
    return f"{local[:1]}…@{domain}"


def enrolment_code_send(user):
    """E-mail a new one-time code to `user` (earlier unused ones stop working).

    Raises ValidationError with a message for the person when the account has no e-mail
    address, or when a code was sent less than a minute ago or EMAIL_CODES_PER_DAY today."""
    if not user.email:
        raise ValidationError(
            _(
                "Ditt konto har ingen e-postadress. Kontakta förvaltningens administratör, "
                "som kan lägga till den."
            )
        )
    now = timezone.now()
    code = "".join(secrets.choice("0123456789") for _ in range(EMAIL_CODE_DIGITS))
    with transaction.atomic():
        # The account's row is the lock: two tabs sending at once cannot both pass the limits.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        recent = list(
            EnrolmentCode.objects.filter(
                user=user, created_at__gt=now - timedelta(days=1)
            ).values_list("created_at", flat=True)
        )
        if len(recent) >= EMAIL_CODES_PER_DAY:
            raise ValidationError(
                _(
                    "Du har fått %(count)s koder det senaste dygnet, och fler skickas inte. "
                    "Försök igen i morgon eller kontakta förvaltningens administratör."
                )
                % {"count": len(recent)}
            )
        if recent and max(recent) > now - EMAIL_CODE_INTERVAL:
            raise ValidationError(_("En kod skickades nyss. Vänta en minut innan du ber om en ny."))
        EnrolmentCode.objects.filter(user=user, ended_at__isnull=True).update(ended_at=now)
        EnrolmentCode.objects.create(
            user=user,
            code_hash=_code_hash(user, code),
            created_at=now,
            expires_at=now + timedelta(minutes=EMAIL_CODE_MINUTES),
        )
        # Sent by the worker once the code is stored; a mail server that fails is retried and,
        # in the end, shown to staff on Utskick (iop/mail.py).
        mail_queue(
            EmailMessage(
                _("Din engångskod för IOP"),
                render_to_string(
                    "registration/mfa_email_code.txt",
                    {"user": user, "code": code, "minutes": EMAIL_CODE_MINUTES},
                ),
                None,
                [user.email],
            ),
            kind=OutgoingMail.Kind.CODE,
        )
    return _masked(user.email)


def enrolment_code_check(user, code):
    """Use up `user`'s current e-mailed code if `code` is it; otherwise count a wrong try and
    raise ValidationError saying what to do."""
    now = timezone.now()
    with transaction.atomic():
        current = (
            EnrolmentCode.objects.select_for_update()
            .filter(user=user, ended_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if current is None:
            raise ValidationError(_("Koden har gått ut eller är redan använd. Be om en ny kod."))
        if constant_time_compare(current.code_hash, _code_hash(user, code)):
            current.ended_at = now
            current.save(update_fields=["ended_at"])
            return
        current.failed_attempts += 1
        if current.failed_attempts >= EMAIL_CODE_ATTEMPTS:
            current.ended_at = now
        current.save(update_fields=["failed_attempts", "ended_at"])
    if current.ended_at is not None:
        raise ValidationError(
            _("Koden stämmer inte, och nu har du försökt för många gånger. Be om en ny kod.")
        )
    raise ValidationError(_("Koden stämmer inte. Kontrollera siffrorna och försök igen."))


def end_codes(user):
    """Stop every e-mailed code of `user` not yet used (their second factor was reset)."""
    EnrolmentCode.objects.filter(user=user, ended_at__isnull=True).update(ended_at=timezone.now())
