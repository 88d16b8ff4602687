from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.validators import (
    normalise_giro,
    validate_bankgiro,
    validate_org_number,
    validate_plusgiro,
)


class OrganisationQuerySet(models.QuerySet):
    def ngos(self):
        return self.filter(kind=Organisation.Kind.NGO)

    def public(self):
        return self.filter(kind=Organisation.Kind.PUBLIC)

    def search(self, text):
        """Name or organisationsnummer contains the text."""
        return self.filter(Q(name__icontains=text) | Q(org_number__icontains=text))


class Organisation(models.Model):
    """A party: the city side (kind public) or a non-profit (kind NGO)."""

    class Kind(models.TextChoices):
        PUBLIC = "public", _("Offentlig sektor")
        NGO = "ngo", _("Idéburen organisation")

    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices, default=Kind.NGO)
    name = models.CharField(_("namn"), max_length=200)
    org_number = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        unique=True,
        validators=[validate_org_number],
        help_text=_("NNNNNN-NNNN"),
        error_messages={
            "unique": _("Det finns redan en organisation med det organisationsnumret.")
        },
    )
    unit_name = models.CharField(
        _("enhet"),
        max_length=300,
        blank=True,
        help_text=_("För offentlig part: avdelning eller enhet som normalt företräder den."),
    )
    bankgiro = models.CharField(
        _("bankgiro"), max_length=12, blank=True, validators=[validate_bankgiro]
    )
    plusgiro = models.CharField(
        _("plusgiro"), max_length=12, blank=True, validators=[validate_plusgiro]
    )
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    address = models.TextField(_("adress"), blank=True)
    description = models.TextField(_("beskrivning"), blank=True)

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:organisation_detail", args=[self.pk])

    def clean(self):
        super().clean()
        self.bankgiro = normalise_giro(self.bankgiro)
        self.plusgiro = normalise_giro(self.plusgiro)

    @property
    def is_public(self):
        return self.kind == self.Kind.PUBLIC
