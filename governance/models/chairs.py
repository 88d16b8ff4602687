"""Who chairs a group: the drawn lots, the chair terms and the rotation order."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.groups import Group, GroupMember


class ChairDraw(models.Model):
    """A recorded lottery for the chair: anyone can recompute the result from the record.

    Method "sha256-mod-n": join the seed and the candidates' member ids in their recorded order
    as `"<seed>:<id1>,<id2>,..."`, take SHA-256 of its UTF-8 bytes, read the hex digest as an
    integer and take it modulo the number of candidates; that index in the list is the chair.
    The seed comes from `secrets.token_hex(16)` at the time of the draw.
    """

    METHOD = "sha256-mod-n"

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="chair_draws", verbose_name=_("grupp")
    )
    term_start = models.DateField(_("mandatperiodens start"))
    candidates = models.JSONField(
        _("kandidater i fast ordning"), help_text=_("Lista med {id, name} i dragningens ordning.")
    )
    seed = models.CharField(_("slumptal (seed)"), max_length=128)
    method = models.CharField(_("metod"), max_length=40, default=METHOD)
    result_index = models.PositiveSmallIntegerField(_("vinnande position"))
    result = models.ForeignKey(
        GroupMember, on_delete=models.PROTECT, related_name="+", verbose_name=_("utsedd")
    )
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("genomförd av"),
    )
    run_at = models.DateTimeField(_("genomförd"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lottning av ordförande")
        verbose_name_plural = _("lottningar av ordförande")
        ordering = ["-run_at"]

    def __str__(self):
        return _("Lottning %(date)s") % {"date": self.run_at.date().isoformat()}

    def get_absolute_url(self):
        return reverse("governance:draw_detail", args=[self.pk])

    @classmethod
    def compute_index(cls, seed, candidate_ids):
        if not candidate_ids:
            raise ValueError("no candidates")
        message = f"{seed}:{','.join(str(i) for i in candidate_ids)}".encode()
        return int(hashlib.sha256(message).hexdigest(), 16) % len(candidate_ids)

    def verify(self):
        """True when the recorded seed and candidates give the recorded result."""
        if self.method != self.METHOD or not self.candidates:
            return False
        ids = [c["id"] for c in self.candidates]
        if ids != sorted(ids):
            # The method fixes the order (by member id); a reordered list is a tampered record,
            # even when the reordering happens to land on the same person.
            return False
        try:
            index = self.compute_index(self.seed, ids)
        except (TypeError, ValueError):
            return False
        return index == self.result_index and ids[index] == self.result_id


class ChairTerm(models.Model):
    class HowChosen(models.TextChoices):
        LOTTERY = "lottery", _("Lottning")
        ROTATION = "rotation", _("Rotation")
        APPOINTED = "appointed", _("Utsedd")

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="chair_terms", verbose_name=_("grupp")
    )
    member = models.ForeignKey(
        GroupMember,
        on_delete=models.PROTECT,
        related_name="chair_terms",
        verbose_name=_("ordförande"),
    )
    start = models.DateField(_("från"))
    end = models.DateField(_("till"), null=True, blank=True)
    how_chosen = models.CharField(_("hur vald"), max_length=20, choices=HowChosen.choices)
    draw = models.OneToOneField(
        ChairDraw,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="term",
        verbose_name=_("lottning"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mandatperiod som ordförande")
        verbose_name_plural = _("mandatperioder som ordförande")
        ordering = ["group", "-start"]

    def __str__(self):
        return (
            f"{self.member.name} {self.start:%Y-%m-%d}–{self.end:%Y-%m-%d}"
            if self.end
            else (f"{self.member.name} {self.start:%Y-%m-%d}–")
        )

    def covers(self, day):
        return self.start <= day and (self.end is None or self.end >= day)

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Slutdatum kan inte vara före startdatum.")})
        if self.group_id and self.member_id and self.member.group_id != self.group_id:
            raise ValidationError({"member": _("Ordföranden måste vara ledamot i gruppen.")})
        if self.member_id and not self.member.has_vote:
            raise ValidationError({"member": _("En adjungerad ledamot kan inte vara ordförande.")})
        if self.group_id and self.start:
            overlapping = ChairTerm.objects.filter(group_id=self.group_id).exclude(pk=self.pk)
            end = self.end
            overlapping = overlapping.filter(Q(end__isnull=True) | Q(end__gte=self.start))
            if end:
                overlapping = overlapping.filter(start__lte=end)
            if overlapping.exists():
                raise ValidationError(
                    {"start": _("Perioden överlappar en annan ordförandes mandatperiod.")}
                )


class RotationOrder(models.Model):
    """The group's recorded order in which the chair rotates."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="rotation", verbose_name=_("grupp")
    )
    member = models.ForeignKey(
        GroupMember, on_delete=models.CASCADE, related_name="+", verbose_name=_("ledamot")
    )
    position = models.PositiveSmallIntegerField(_("plats i turordningen"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("turordning för ordförande")
        verbose_name_plural = _("turordning för ordförande")
        ordering = ["group", "position"]
        constraints = [
            models.UniqueConstraint(fields=["group", "member"], name="rotation_member_once"),
        ]

    def __str__(self):
        return f"{self.position}. {self.member.name}"
