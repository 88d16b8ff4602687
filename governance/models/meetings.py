"""Meetings, their agenda (§), attendance and minutes."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.groups import Group, GroupMember
from partnerships.transitions import HasLifecycle, Lifecycle, Transition


class Meeting(HasLifecycle, models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Planerat")
        HELD = "held", _("Genomfört")
        CANCELLED = "cancelled", _("Inställt")

    lifecycle = Lifecycle(
        Transition("hold", {Status.SCHEDULED}, Status.HELD, label=_("Genomfört")),
        Transition("cancel", {Status.SCHEDULED}, Status.CANCELLED, label=_("Inställt")),
    )

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("grupp")
    )
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("starttid"))
    end_time = models.TimeField(_("sluttid"), null=True, blank=True)
    place = models.CharField(_("plats"), max_length=300, blank=True)
    link = models.URLField(_("länk till digitalt möte"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    notice_sent_at = models.DateTimeField(_("kallelse skickad"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        ordering = ["-date", "-start_time"]

    def __str__(self):
        return _("%(group)s %(date)s") % {"group": self.group.name, "date": self.date.isoformat()}

    def get_absolute_url(self):
        return reverse("governance:meeting_detail", args=[self.pk])

    @property
    def is_editable(self):
        """Date, time and place may change until the meeting is held or cancelled."""
        return self.status == self.Status.SCHEDULED

    @property
    def minutes_can_be_approved(self):
        """The minutes record what happened: they are approved only once the meeting is held."""
        return self.status == self.Status.HELD


class AgendaItem(models.Model):
    """A paragraph (§) of a meeting: numbered per group and year, with its minutes text."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("möte")
    )
    # Denormalised from the meeting so the database keeps § numbers unique per group and year.
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    number = models.PositiveIntegerField(_("§"))
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("anmäld av"),
    )
    escalation = models.ForeignKey(
        "governance.Escalation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("lyft från"),
    )
    minutes_text = models.TextField(_("protokollstext"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("paragraf")
        verbose_name_plural = _("paragrafer")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "year", "number"], name="paragraph_number_per_group_year"
            )
        ]

    def __str__(self):
        return f"§ {self.number} {self.title}"


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("möte")
    )
    member = models.ForeignKey(
        GroupMember, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("ledamot")
    )
    present = models.BooleanField(_("närvarande"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("närvaro")
        verbose_name_plural = _("närvaro")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once"),
        ]

    def __str__(self):
        return f"{self.member.name}: {_('närvarande') if self.present else _('frånvarande')}"


class Minutes(HasLifecycle, models.Model):
    """One version of a meeting's minutes. Approval (justering) by the chair and one adjuster
    locks it; a correction supersedes it with a new version, keeping what was approved."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        APPROVED = "approved", _("Justerat")
        SUPERSEDED = "superseded", _("Ersatt av rättelse")

    lifecycle = Lifecycle(
        # Taken when both the chair and the adjuster have approved (services.minutes_approve).
        Transition("approve", {Status.DRAFT}, Status.APPROVED),
        Transition(
            "supersede",
            {Status.APPROVED},
            Status.SUPERSEDED,
            label=_("Rätta protokollet (ny version)"),
        ),
    )

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="minutes_versions", verbose_name=_("möte")
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    chair = models.ForeignKey(
        GroupMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ordförande"),
    )
    adjuster = models.ForeignKey(
        GroupMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("justerare"),
    )
    chair_approved_at = models.DateTimeField(_("justerat av ordförande"), null=True, blank=True)
    adjuster_approved_at = models.DateTimeField(_("justerat av justerare"), null=True, blank=True)
    # Set only when staff recorded an approval for a member with no account (approved on paper,
    # say): who recorded it and why, shown with the approval so nobody reads it as the member's
    # own click.
    chair_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ordförandens justering registrerad av"),
    )
    chair_recorded_reason = models.TextField(
        _("varför ordförandens justering registrerades av någon annan"), blank=True
    )
    adjuster_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("justerarens justering registrerad av"),
    )
    adjuster_recorded_reason = models.TextField(
        _("varför justerarens justering registrerades av någon annan"), blank=True
    )
    correction_reason = models.TextField(_("skäl till rättelse"), blank=True)
    # What was approved: the § texts and decisions as they stood, kept when a correction follows.
    snapshot = models.JSONField(_("justerad lydelse"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("protokoll")
        verbose_name_plural = _("protokoll")
        ordering = ["meeting", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="minutes_version_once"),
        ]

    def __str__(self):
        return _("Protokoll %(meeting)s, version %(v)d") % {
            "meeting": self.meeting,
            "v": self.version,
        }

    @property
    def is_locked(self):
        return self.status != self.Status.DRAFT
