from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from iop.uploads import upload_to
from partnerships.transitions import HasLifecycle, Lifecycle, Transition


class OutgoingMailQuerySet(models.QuerySet):
    def failed(self):
        return self.filter(status=OutgoingMail.Status.FAILED)


class OutgoingMail(HasLifecycle, models.Model):
    """One e-mail handed to the task queue (iop/mail.py), what became of it, and what staff
    see on Utskick. The content is kept only until the mail has gone: a one-time code or an
    invitation link is no one's to read afterwards."""

    class Kind(models.TextChoices):
        NOTICE = "notice", _("Kallelse")
        INVITATION = "invitation", _("Inbjudan")
        REMINDER = "reminder", _("Påminnelse")
        CODE = "code", _("Engångskod")
        PASSWORD_RESET = "password_reset", _("Återställning av lösenord")

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kö")
        RETRYING = "retrying", _("Försöker igen")
        SENT = "sent", _("Skickat")
        FAILED = "failed", _("Misslyckades")

    # The queue's steps (iop/mail.py), through the one transition mechanism.
    lifecycle = Lifecycle(
        Transition("send", {Status.QUEUED, Status.RETRYING}, Status.SENT, stamp="sent_at"),
        Transition("try_failed", {Status.QUEUED, Status.RETRYING}, Status.RETRYING),
        Transition("give_up", {Status.QUEUED, Status.RETRYING}, Status.FAILED),
        Transition("retry", {Status.FAILED}, Status.QUEUED, label=_("Skicka igen")),
    )

    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    subject = models.CharField(_("ämne"), max_length=255)
    to = models.JSONField(_("mottagare"), default=list)
    # The message as built (iop.mail.mail_queue); emptied once sent.
    message = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("köad"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("försök"), default=0)
    last_error = models.TextField(_("senaste fel"), blank=True)
    last_attempt_at = models.DateTimeField(_("senaste försök"), null=True, blank=True)
    sent_at = models.DateTimeField(_("skickat"), null=True, blank=True)
    retried_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("omstartat av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    retried_at = models.DateTimeField(_("omstartat"), null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("utskick")
        verbose_name_plural = _("utskick")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        return self.subject


class ArchivePackage(HasLifecycle, models.Model):
    """A partnership's e-archive package (iop/archive/package.py) that staff asked for: built
    by the task queue (iop/archive/queue.py), stored, and downloaded from the partnership's
    Arkivpaket page. Not agreement data: the request and its outcome are the record."""

    class Status(models.TextChoices):
        BUILDING = "building", _("Byggs…")
        READY = "ready", _("Klart")
        FAILED = "failed", _("Misslyckades")

    # Built by the queue (iop/archive/queue.py), through the one transition mechanism.
    lifecycle = Lifecycle(
        Transition("finish", {Status.BUILDING}, Status.READY, stamp="built_at"),
        Transition("give_up", {Status.BUILDING}, Status.FAILED),
    )

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnerskap"),
        on_delete=models.CASCADE,
        related_name="archive_packages",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BUILDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beställt av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("beställt"), auto_now_add=True)
    built_at = models.DateTimeField(_("klart"), null=True, blank=True)
    file = models.FileField(_("fil"), upload_to=upload_to("arkivpaket"), blank=True)
    # The name it downloads as (iop-<dnr>-<time>.zip); the stored name is a uuid.
    filename = models.CharField(_("filnamn"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("storlek"), default=0)
    attempts = models.PositiveIntegerField(_("försök"), default=0)
    error = models.TextField(_("fel"), blank=True)

    class Meta:
        verbose_name = _("arkivpaket")
        verbose_name_plural = _("arkivpaket")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return self.filename or f"{self.partnership} {self.requested_at:%Y-%m-%d %H:%M}"
