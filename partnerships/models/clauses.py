"""The agreement's text beyond the partnership's own fields: its goals and its further sections."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models.partnerships import Partnership


class Goal(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="goals", verbose_name=_("partnerskap")
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    text = models.TextField(_("mål"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text[:80]

    @property
    def terms_locked(self):
        """The goals are terms: see `Partnership.terms_locked`."""
        return self.partnership.terms_locked


class Clause(models.Model):
    """A section of the agreement text (Metod, Brister, Tvist, ...), in document order with the
    agreement's own number. A section can hold one of the texts the product keeps as data
    (the period and its conditions, a group's rules, the signatures, ...): the agreement PDF
    prints that text in the section's place, so the printout follows the agreement's order."""

    class Holds(models.TextChoices):
        BACKGROUND = "background", _("Bakgrund")
        PURPOSE = "purpose", _("Syfte och mål")
        TARGET_GROUP = "target_group", _("Målgrupp")
        BASIS = "basis", _("Grund")
        VALUES = "values", _("Värdegrund")
        INFORMATION = "information_dissemination", _("Informationsspridning")
        GENDER = "gender_perspective", _("Jämställdhetsperspektiv")
        STEERING_GROUP = "steering_group", _("Styrgruppens regler")
        COOPERATION_GROUP = "cooperation_group", _("Samverkansgruppens regler")
        PERIOD = "period", _("Period, förlängning och villkor")
        CONFIDENTIALITY = "confidentiality", _("Sekretess, tystnadsplikt och orosanmälan")
        SIGNATURES = "signatures", _("Underskrifter")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="clauses",
        verbose_name=_("partnerskap"),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    number = models.CharField(
        _("nummer"),
        max_length=20,
        blank=True,
        help_text=_("Avsnittets nummer i avtalet, t.ex. 5.1. Tomt: avsnittet numreras inte."),
    )
    heading = models.CharField(_("rubrik"), max_length=200)
    holds = models.CharField(
        _("visar uppgifter om"),
        max_length=30,
        choices=Holds.choices,
        blank=True,
        help_text=_(
            "Uppgifter som registreras på annat ställe och skrivs ut i det här avsnittet, "
            "före avsnittets egen text."
        ),
    )
    body = models.TextField(_("text"), blank=True)
    # Held secret under OSL (the partnership's `secrecy_ground`): left out of the public page.
    secret = models.BooleanField(_("sekretess"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "holds"],
                condition=~Q(holds=""),
                name="clause_holds_once_per_partnership",
                violation_error_message=_("Ett annat avsnitt visar redan de uppgifterna."),
            )
        ]

    def __str__(self):
        return f"{self.number} {self.heading}" if self.number else self.heading

    @property
    def terms_locked(self):
        """The agreement's sections are terms: see `Partnership.terms_locked`."""
        return self.partnership.terms_locked

    def clean(self):
        super().clean()
        if not (self.body.strip() or self.holds):
            raise ValidationError(
                {"body": _("Skriv avsnittets text eller välj vilka uppgifter det visar.")}
            )
