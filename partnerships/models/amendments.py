"""Ändringar och tillägg: what an amendment may change, and the amendment itself."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models.committee import DecisionReference
from partnerships.models.parties import Annex, Commitment
from partnerships.models.partnerships import Partnership
from partnerships.transitions import HasLifecycle, Lifecycle, Transition

AMENDABLE_FIELDS = {
    "partnership": ["title", "purpose", "end_date"],
    "annex": ["title", "description", "end_date"],
    "commitment": ["title", "description"],
}
AMENDABLE_DATE_FIELDS = {"end_date"}
# How the amendment form names what can change, for messages.
AMENDABLE_FIELD_NAMES = {
    "title": _("ny rubrik"),
    "purpose": _("ny text"),
    "description": _("ny text"),
    "end_date": _("nytt slutdatum"),
}


class Amendment(HasLifecycle, DecisionReference):
    """Ändringar och tillägg: in force only when every current party has signed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        AWAITING = "awaiting_signatures", _("Inväntar underskrifter")
        IN_FORCE = "in_force", _("Gäller")
        WITHDRAWN = "withdrawn", _("Återkallad")

    lifecycle = Lifecycle(
        Transition("submit", {Status.DRAFT}, Status.AWAITING, label=_("Skicka för underskrift")),
        Transition(
            "withdraw", {Status.DRAFT, Status.AWAITING}, Status.WITHDRAWN, label=_("Återkalla")
        ),
        # Taken by the last party's signature (services.signature_create), never by a button.
        Transition("put_in_force", {Status.AWAITING}, Status.IN_FORCE, stamp="in_force_at"),
    )

    class Target(models.TextChoices):
        PARTNERSHIP = "partnership", _("Överenskommelsen")
        ANNEX = "annex", _("En bilaga")
        COMMITMENT = "commitment", _("Ett åtagande")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="amendments",
        verbose_name=_("partnerskap"),
    )
    number = models.PositiveSmallIntegerField(_("nummer"), default=1)
    title = models.CharField(_("rubrik"), max_length=300)
    background = models.TextField(_("bakgrund"), blank=True)
    target = models.CharField(_("ändrar"), max_length=20, choices=Target.choices)
    annex = models.ForeignKey(
        Annex,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("bilaga"),
    )
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("åtagande"),
    )
    changes = models.JSONField(_("föreslagna nya värden"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.DRAFT
    )
    in_force_at = models.DateTimeField(_("trädde i kraft"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ändring")
        verbose_name_plural = _("ändringar och tillägg")
        ordering = ["partnership", "number", "pk"]

    def __str__(self):
        return _("Ändring %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def get_absolute_url(self):
        return reverse("partnerships:amendment_detail", args=[self.pk])

    @property
    def is_editable(self):
        """Only a draft's wording may change; once sent for signature it is what is signed."""
        return self.status == self.Status.DRAFT

    def unsigned_parties(self, on=None):
        """The parties on day `on` (today by default) that have not signed this amendment: it
        comes into force when there are none left."""
        signed = {s.participation_id for s in self.signatures.all()}
        parties = self.partnership.participations.current(on).select_related("organisation")
        return [party for party in parties if party.pk not in signed]

    @property
    def target_object(self):
        if self.target == self.Target.COMMITMENT:
            return self.commitment
        if self.target == self.Target.ANNEX:
            return self.annex
        return self.partnership

    def clean(self):
        super().clean()
        errors = {}
        if self.target == self.Target.COMMITMENT and not self.commitment_id:
            errors["commitment"] = _("Välj vilket åtagande ändringen gäller.")
        if self.target == self.Target.ANNEX and not self.annex_id:
            errors["annex"] = _("Välj vilken bilaga ändringen gäller.")
        if self.commitment_id and self.partnership_id:
            if self.commitment.annex.partnership_id != self.partnership_id:
                errors["commitment"] = _("Åtagandet hör inte till det här partnerskapet.")
        if (
            self.annex_id
            and self.partnership_id
            and self.annex.partnership_id != self.partnership_id
        ):
            errors["annex"] = _("Bilagan hör inte till det här partnerskapet.")
        allowed = AMENDABLE_FIELDS.get(self.target, [])
        unknown = [name for name in (self.changes or {}) if name not in allowed]
        # Not tied to one form field: the form's new-value fields fill `changes`.
        # Without a target the form already asks for one; nothing to say about the values yet.
        if unknown and self.target:
            errors[NON_FIELD_ERRORS] = _("Det här går inte att ändra: %(fields)s.") % {
                "fields": ", ".join(str(AMENDABLE_FIELD_NAMES.get(n, n)) for n in unknown)
            }
        elif self.target and not self.changes:
            errors[NON_FIELD_ERRORS] = _("Ange minst ett nytt värde.")
        if errors:
            raise ValidationError(errors)
