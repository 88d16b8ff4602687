"""Accounts' models. Their tables keep the names they had when the models lived in
partnerships (db_table), so moving them changed no data."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in: förvaltning staff, or a representative of one organisation."""

    class Role(models.TextChoices):
        ADMINISTRATION = "administration", _("Förvaltningen")
        REPRESENTATIVE = "representative", _("Företrädare för organisation")

    role = models.CharField(
        _("roll"), max_length=20, choices=Role.choices, default=Role.REPRESENTATIVE
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    title = models.CharField(_("titel"), max_length=200, blank=True)

    class Meta:
        db_table = "partnerships_user"
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_administration(self) -> bool:
        """Förvaltning staff see every partnership; superusers are staff too."""
        return self.is_superuser or self.role == self.Role.ADMINISTRATION

    def clean(self):
        super().clean()
        if self.role == self.Role.REPRESENTATIVE and not self.is_superuser:
            if self.organisation_id is None:
                raise ValidationError(
                    {"organisation": _("En företrädare måste höra till en organisation.")}
                )


class AccountEvent(models.Model):
    """Who invited, deactivated or reactivated an account, or reset its second factor, when and
    why.

    The account itself has no django-simple-history table: that would copy every password hash
    into the history. This records only the changes staff make to someone's access."""

    class Action(models.TextChoices):
        INVITED = "invited", _("Inbjudet")
        DEACTIVATED = "deactivated", _("Inaktiverat")
        ACTIVATED = "activated", _("Aktiverat igen")
        MFA_RESET = "mfa_reset", _("Tvåfaktorsinloggningen nollställd")
        ROLE_FROM_PROVIDER = "role_provider", _("Förvaltningens roll från inloggningstjänsten")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="account_events", verbose_name=_("konto")
    )
    action = models.CharField(_("händelse"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("utfört av")
    )
    reason = models.TextField(_("anledning"), blank=True)
    at = models.DateTimeField(_("tidpunkt"), default=timezone.now)

    class Meta:
        db_table = "partnerships_accountevent"
        verbose_name = _("kontohändelse")
        verbose_name_plural = _("kontohändelser")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.user}: {self.get_action_display()} {self.at:%Y-%m-%d}"


class EnrolmentCode(models.Model):
    """A one-time code e-mailed to the account's address, the second proof (besides the
    password) that someone without an authenticator app must give before connecting one
    (iop.mfa). Only a keyed hash of the code is kept; a code ends when used, when a new one is
    sent, after a few wrong tries, or when it expires. Rows are kept a day or so, because how
    many were sent limits how many can be sent (and so how many guesses anyone gets)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="+", verbose_name=_("konto")
    )
    code_hash = models.CharField(_("kodens kontrollsumma"), max_length=64)
    created_at = models.DateTimeField(_("skickad"), default=timezone.now)
    expires_at = models.DateTimeField(_("gäller till"))
    failed_attempts = models.PositiveSmallIntegerField(_("felaktiga försök"), default=0)
    ended_at = models.DateTimeField(_("förbrukad"), null=True, blank=True)

    class Meta:
        db_table = "partnerships_enrolmentcode"
        verbose_name = _("engångskod via e-post")
        verbose_name_plural = _("engångskoder via e-post")
        indexes = [models.Index(fields=["user", "created_at"], name="enrolmentcode_user_created")]

    def __str__(self):
        return f"{self.user}: {self.created_at:%Y-%m-%d %H:%M}"


class SignInIdentity(models.Model):
    """Who someone is at an OpenID Connect provider (iop.oidc): the city's staff provider or an
    eID provider. Only a keyed hash of the identifier is kept (HMAC with IOP_IDENTITY_HASH_KEY),
    enough to recognise the person at the next sign-in and nothing more: for eID the identifier
    is the personal identity number, which IOP must neither show nor export. No history table
    and nothing in the admin or any export, for the same reason."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="sign_in_identities", verbose_name=_("konto")
    )
    provider = models.CharField(_("identitetsleverantör"), max_length=20)
    identity_hash = models.CharField(_("identitetens kontrollsumma"), max_length=64)
    bound_at = models.DateTimeField(_("kopplad"), default=timezone.now)

    class Meta:
        verbose_name = _("inloggningsidentitet")
        verbose_name_plural = _("inloggningsidentiteter")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "identity_hash"], name="signinidentity_unique_identity"
            ),
            models.UniqueConstraint(
                fields=["provider", "user"], name="signinidentity_one_per_provider"
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.provider}"
