from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMailQuerySet(models.QuerySet):
    def failed(self):
        return self.filter(status=OutgoingMail.Status.FAILED)


class OutgoingMail(models.Model):
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
