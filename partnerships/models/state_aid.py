"""State aid: on what basis a partnership's compensation is paid (de minimis, SGEI de minimis
with the act that entrusts the task, or not state aid and why), and the ceilings the de minimis
rules set, in euro at a rate in kronor. The amounts change with the rules, so they are rows
staff keep (Statsstödsregler), not constants."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models.partnerships import Partnership


class AidKind(models.TextChoices):
    DE_MINIMIS = "de_minimis", _("Stöd av mindre betydelse (de minimis)")
    SGEI = "sgei", _("Tjänst av allmänt ekonomiskt intresse (SGEI de minimis)")
    NOT_AID = "not_aid", _("Inte statligt stöd")


class AidBasis(models.Model):
    partnership = models.OneToOneField(
        Partnership,
        on_delete=models.CASCADE,
        related_name="aid_basis",
        verbose_name=_("partnerskap"),
    )
    kind = models.CharField(_("grund"), max_length=20, choices=AidKind.choices)
    # SGEI: the official act entrusting the task; not aid: why it is not.
    reference = models.CharField(
        _("akt eller skäl"),
        max_length=500,
        blank=True,
        help_text=_(
            "För SGEI: beslutet som ger organisationen uppdraget (t.ex. nämndens beslut med "
            "dnr). För inte statligt stöd: skälet."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statsstödsgrund")
        verbose_name_plural = _("statsstödsgrunder")

    def __str__(self):
        return self.get_kind_display()

    def clean(self):
        super().clean()
        if self.kind in (AidKind.SGEI, AidKind.NOT_AID) and not self.reference.strip():
            raise ValidationError(
                {
                    "reference": _("Ange beslutet som ger uppdraget.")
                    if self.kind == AidKind.SGEI
                    else _("Ange varför ersättningen inte är statligt stöd.")
                }
            )


class StateAidCeilingQuerySet(models.QuerySet):
    def in_force(self, kind, day):
        """The ceiling of `kind` in force on `day`: the latest that had begun by then."""
        return self.filter(kind=kind, valid_from__lte=day).order_by("-valid_from").first()


class StateAidCeiling(models.Model):
    kind = models.CharField(
        _("regel"),
        max_length=20,
        choices=[
            (AidKind.DE_MINIMIS, AidKind.DE_MINIMIS.label),
            (AidKind.SGEI, AidKind.SGEI.label),
        ],
    )
    valid_from = models.DateField(_("gäller från"))
    ceiling_eur = models.DecimalField(
        _("tak (euro) under tre beskattningsår"),
        max_digits=12,
        decimal_places=0,
        validators=[MinValueValidator(Decimal(1))],
    )
    sek_per_eur = models.DecimalField(
        _("kronor per euro"),
        max_digits=8,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001"))],
        help_text=_("Kursen stödet räknas om med, t.ex. EU-kommissionens omräkningskurs."),
    )

    history = HistoricalRecords()
    objects = StateAidCeilingQuerySet.as_manager()

    class Meta:
        verbose_name = _("statsstödstak")
        verbose_name_plural = _("statsstödstak")
        ordering = ["kind", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "valid_from"],
                name="one_ceiling_a_day",
                violation_error_message=_(
                    "Regeln har redan ett tak från den dagen. Ändra det i stället."
                ),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.ceiling_eur} EUR ({self.valid_from})"

    @property
    def ceiling_sek(self):
        return (self.ceiling_eur * self.sek_per_eur).quantize(Decimal(1))
