"""Representatives' accounts: staff invite by e-mail, the link lets the person choose a
password (and connect an authenticator app); staff can deactivate an account, which also ends
its open sessions, reactivate it, and reset its second factor. Each of these is recorded as an
AccountEvent with who did it and why."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from iop.accounts.models import AccountEvent, SignInIdentity, User
from iop.mail import mail_queue
from iop.mfa import remove_devices
from iop.models import OutgoingMail
from partnerships.grants import sync_user_groups


def managed_accounts():
    """The representatives' accounts staff manage here. Not the system account that commands
    record as the author of their changes: it has the default role but is nobody's login, and
    activating it would open an account no one owns."""
    return User.objects.filter(role=User.Role.REPRESENTATIVE, is_superuser=False).exclude(
        username=settings.IOP_SYSTEM_USERNAME
    )


def invitation_url(user, site_url=None):
    """The activation link, on `site_url` (the site the invitation was sent from, e.g.
    `request.build_absolute_uri("/")`), or on IOP_SITE_URL where there is no request."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    base = (site_url or settings.SITE_URL).rstrip("/")
    return base + reverse("portal:activate", args=[uid, token])


@transaction.atomic
def representative_invite(
    *, email, first_name, last_name, organisation, actor, reason="", site_url=None
):
    user = User(
        username=email,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=User.Role.REPRESENTATIVE,
        organisation=organisation,
    )
    # No password until the person sets one through the link; the token is tied to it, so the
    # link stops working once used.
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    _record(user, AccountEvent.Action.INVITED, actor=actor, reason=reason)
    context = {"user": user, "url": invitation_url(user, site_url), "inviter": actor}
    mail_queue(
        EmailMessage(
            _("Inbjudan till IOP – idéburet offentligt partnerskap"),
            render_to_string("reporting/email/invitation.txt", context),
            None,
            [email],
        ),
        kind=OutgoingMail.Kind.INVITATION,
    )
    return user


def _record(user, action, *, actor, reason):
    return AccountEvent.objects.create(user=user, action=action, actor=actor, reason=reason)


def _locked_for_change(user, *, active, reason):
    """The account, locked, if it is still in the state the confirmation page showed; a second
    click, or someone else's change in between, is refused rather than undone."""
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Skriv en anledning. Den sparas med kontots händelser.")}
        )
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.is_active != active:
        if locked.is_active:
            raise ValidationError(_("Kontot är redan aktivt."))
        raise ValidationError(_("Kontot är redan inaktiverat."))
    return locked


@transaction.atomic
def representative_deactivate(user, *, actor, reason):
    """Deactivate the account and end its open sessions, recording who did it and why."""
    user = _locked_for_change(user, active=True, reason=reason)
    user.is_active = False
    user.save(update_fields=["is_active"])
    sync_user_groups(user)
    end_sessions(user)
    _record(user, AccountEvent.Action.DEACTIVATED, actor=actor, reason=reason)
    return user


@transaction.atomic
def representative_activate(user, *, actor, reason):
    user = _locked_for_change(user, active=False, reason=reason)
    user.is_active = True
    user.save(update_fields=["is_active"])
    sync_user_groups(user)
    _record(user, AccountEvent.Action.ACTIVATED, actor=actor, reason=reason)
    return user


@transaction.atomic
def second_factor_reset(user, *, actor, reason):
    """Remove the person's authenticator app and recovery codes (a lost phone, a suspected
    compromise), end their open sessions, and record who did it and why. Their next login
    asks for a code sent to their e-mail before a new app can be connected (iop.mfa)."""
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Skriv en anledning. Den sparas med kontots händelser.")}
        )
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not remove_devices(locked):
        # A second click, or someone else's reset in between: nothing left to reset.
        raise ValidationError(_("Kontot har ingen tvåfaktorsinloggning att nollställa."))
    end_sessions(locked)
    _record(locked, AccountEvent.Action.MFA_RESET, actor=actor, reason=reason)
    return locked


def end_sessions(user):
    """Delete every open session of `user` (sessions are not indexed by user, so this reads
    the live ones)."""
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


# --- Sign-in identities (iop.oidc) ----------------------------------------------------------


def identity_hash(provider_key, identity):
    """The keyed hash under which a provider's identifier (for eID, a personal identity number)
    is kept: enough to recognise the person again, useless without IOP_IDENTITY_HASH_KEY."""
    return salted_hmac(
        f"iop.signin.{provider_key}",
        identity.strip(),
        secret=settings.IOP_IDENTITY_HASH_KEY,
        algorithm="sha256",
    ).hexdigest()


def _may_sign_in(user):
    if not user.is_active:
        raise ValidationError(
            _("Kontot är inaktiverat. Kontakta förvaltningens administratör om det är fel.")
        )
    if user.is_superuser:
        raise ValidationError(
            _("Administratörer loggar in med lösenord och engångskod, inte via %(provider)s.")
        )


def _claim_values(claims, name):
    value = claims.get(name)
    if value is None:
        return set()
    if isinstance(value, str):
        return {value}
    return {str(item) for item in value}


@transaction.atomic
def identity_user(*, provider, identity, claims):
    """The account that `identity` at `provider` signs in to, or ValidationError saying why not.

    A bound identity finds its account. At the city's staff provider, a first sign-in is matched
    by the configured claim (e-mail) to one account and then bound; when the provider names a
    role claim, the person must hold one of its staff values, and gets the förvaltning role.
    An eID identity is bound only at activation (identity_bind)."""
    key = provider["key"]
    hashed = identity_hash(key, identity)
    bound = SignInIdentity.objects.select_related("user").filter(provider=key, identity_hash=hashed)
    user = bound[0].user if bound else None
    if user is None and provider["match_claim"] and claims.get(provider["match_claim"]):
        matches = list(User.objects.filter(email__iexact=str(claims[provider["match_claim"]]))[:2])
        if len(matches) == 1 and not matches[0].sign_in_identities.filter(provider=key):
            user = matches[0]
    if user is None:
        raise ValidationError(
            _(
                "Det finns inget konto i IOP för den du loggade in som hos %(provider)s. "
                "Förvaltningens administratör kan bjuda in dig."
            )
        )
    _may_sign_in(user)
    if provider["role_claim"]:
        if not _claim_values(claims, provider["role_claim"]) & set(provider["staff_values"]):
            raise ValidationError(
                _("Din inloggning hos %(provider)s ger inte behörighet till IOP som handläggare.")
            )
        if user.role == User.Role.REPRESENTATIVE and user.organisation_id is not None:
            # A representative's account is never made staff by a sign-in: that would hand an
            # NGO's account every partnership. Staff change roles in the admin. (Staff may
            # belong to the city's own organisation, and sign in here as before.)
            raise ValidationError(
                _(
                    "Kontot i IOP hör till en idéburen organisation och kan inte användas för "
                    "inloggning som handläggare hos %(provider)s. Kontakta förvaltningens "
                    "administratör."
                )
            )
        if user.role != User.Role.ADMINISTRATION:
            user.role = User.Role.ADMINISTRATION
            user.save(update_fields=["role"])
            _record(
                user,
                AccountEvent.Action.ROLE_FROM_PROVIDER,
                actor=user,
                reason=_("Rollen Förvaltningen enligt anspråket %(claim)s hos %(name)s.")
                % {"claim": provider["role_claim"], "name": provider["name"]},
            )
    if not bound:
        SignInIdentity.objects.create(user=user, provider=key, identity_hash=hashed)
    return user


def may_activate(user):
    """Whether an invitation's link still opens `user`'s account: never signed in with a
    password or a bound identity, and not deactivated."""
    return (
        user.is_active and not user.has_usable_password() and not user.sign_in_identities.exists()
    )


@transaction.atomic
def identity_bind(*, user_pk, provider, identity):
    """Bind the eID identity just signed in with to the invited account whose link was opened
    (iop.oidc.bind_at_activation). Returns the account, or ValidationError saying why not."""
    user = User.objects.select_for_update().filter(pk=user_pk).first()
    if user is None or not may_activate(user):
        raise ValidationError(
            _("Inbjudningslänken fungerar inte längre. Be förvaltningen om en ny inbjudan.")
        )
    _may_sign_in(user)
    hashed = identity_hash(provider, identity)
    if SignInIdentity.objects.filter(provider=provider, identity_hash=hashed).exists():
        raise ValidationError(
            _(
                "Den e-legitimationen är redan kopplad till ett annat konto i IOP. Kontakta "
                "förvaltningens administratör."
            )
        )
    SignInIdentity.objects.create(user=user, provider=provider, identity_hash=hashed)
    return user
