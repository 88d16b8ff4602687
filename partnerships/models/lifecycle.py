"""The agreement's life as recorded steps: status steps, notices, extensions, and the signatures
the "undertecknad" step rests on."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships import period_rules
from partnerships.grants import is_administration
from partnerships.models.amendments import Amendment
from partnerships.models.committee import DecisionReference
from partnerships.models.parties import Annex, Participation
from partnerships.models.partnerships import MISSING_IN_DOCUMENT, Partnership


class LifecycleStep(DecisionReference):
    """One step of the partnership's state machine: who took it, when and why."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="lifecycle_steps",
        verbose_name=_("partnerskap"),
    )
    from_status = models.CharField(
        _("från"), max_length=20, choices=Partnership.Status.choices, blank=True
    )
    to_status = models.CharField(_("till"), max_length=20, choices=Partnership.Status.choices)
    occurred_on = models.DateField(_("datum"))
    recorded_at = models.DateTimeField(_("registrerad"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("av"),
    )
    reason = models.CharField(_("anledning"), max_length=500)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steg i avtalets livscykel")
        verbose_name_plural = _("steg i avtalets livscykel")
        ordering = ["partnership", "occurred_on", "recorded_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Notice(DecisionReference):
    """Notice given or a party removed: of the whole partnership (stops automatic extension) or
    of one party's participation."""

    class Kind(models.TextChoices):
        PARTNERSHIP = period_rules.PARTNERSHIP_NOTICE, _("Uppsägning av partnerskapet")
        PARTY = "party", _("Parten säger upp sitt åtagande")
        TERMINATION = "termination", _("Styrgruppen säger upp parten efter åtgärdsplan")
        RESCISSION = "rescission", _("Staden häver avtalet med parten")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("partnerskap"),
    )
    participation = models.ForeignKey(
        Participation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("part"),
    )
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    given_on = models.DateField(_("datum"))
    effective_on = models.DateField(_("gäller från"), null=True, blank=True)
    remedy_deadline = models.DateField(
        _("sista dag för rättelse eller åtgärdsplan"), null=True, blank=True
    )
    reason = models.TextField(_("motivering"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uppsägning")
        verbose_name_plural = _("uppsägningar")
        ordering = ["partnership", "given_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.given_on.isoformat()}"


class Extension(DecisionReference):
    """The partnership's end date moved under its extension rule."""

    class Kind(models.TextChoices):
        AUTOMATIC = "automatic", _("Automatisk förlängning")
        AGREEMENT = period_rules.AGREED_EXTENSION, _("Skriftlig överenskommelse om förlängning")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="extensions",
        verbose_name=_("partnerskap"),
    )
    kind = models.CharField(_("slag"), max_length=20, choices=Kind.choices)
    made_on = models.DateField(_("datum"))
    previous_end_date = models.DateField(_("tidigare slutdatum"))
    new_end_date = models.DateField(_("nytt slutdatum"))
    reason = models.CharField(_("anledning"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("förlängning")
        verbose_name_plural = _("förlängningar")
        ordering = ["partnership", "made_on", "pk"]

    def __str__(self):
        return f"{self.previous_end_date.isoformat()} → {self.new_end_date.isoformat()}"


# The statuses reached only through "undertecknad", whose guard checks that every current party
# has signed the agreement: in these the status rests on the signatures recorded by then.
SIGNED_OR_LATER = frozenset(
    {
        Partnership.Status.SIGNED,
        Partnership.Status.ACTIVE,
        Partnership.Status.TERMINATING,
        Partnership.Status.ENDED,
        Partnership.Status.RESCINDED,
    }
)


def signature_scan_path(instance, filename):
    """Server-generated name; the uploaded file name is never used."""
    return f"signatures/{instance.partnership_id}/{uuid.uuid4().hex}.pdf"


class SignatureQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The agreement's and the amendments' signatures are the partnership's (every party
        signs them, the agreement PDF lists them all); a bilaga's signatures, and their scans,
        are the bilaga's party's alone, as the bilaga is."""
        if is_administration(user):
            return self
        shared = ~models.Q(document=Signature.Document.ANNEX) & models.Q(
            partnership__in=Partnership.objects.visible_to(user)
        )
        return self.filter(shared | models.Q(annex__in=Annex.objects.visible_to(user)))


class Signature(models.Model):
    """A party's signature on the agreement, a bilaga or an amendment."""

    class Document(models.TextChoices):
        AGREEMENT = "agreement", _("Överenskommelsen")
        ANNEX = "annex", _("Bilaga")
        AMENDMENT = "amendment", _("Ändring")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("partnerskap"),
    )
    document = models.CharField(_("handling"), max_length=20, choices=Document.choices)
    annex = models.ForeignKey(
        Annex,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("bilaga"),
    )
    amendment = models.ForeignKey(
        Amendment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("ändring"),
    )
    participation = models.ForeignKey(
        Participation,
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=_("part"),
    )
    # Empty when the signed document does not give the name (shown as "saknas i underlaget").
    signatory_name = models.CharField(_("namn på firmatecknare"), max_length=200, blank=True)
    signatory_title = models.CharField(_("titel"), max_length=200, blank=True)
    place = models.CharField(_("ort"), max_length=100, blank=True)
    signed_on = models.DateField(_("datum"))
    scan = models.FileField(
        _("inskannad handling (PDF)"), upload_to=signature_scan_path, blank=True
    )
    # Signed in the app (partnerships.models.esign): the document, who signed after which strong
    # sign-in (iop.assurance), the SHA-256 of the PDF shown and when. Empty for a signature on
    # paper, which keeps its scan.
    signed_document = models.ForeignKey(
        "partnerships.SignedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("undertecknad handling"),
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undertecknad av konto"),
    )
    identity_provider = models.CharField(_("identitetsintygare"), max_length=200, blank=True)
    asserted_at = models.DateTimeField(_("inloggning intygad"), null=True, blank=True)
    document_sha256 = models.CharField(_("SHA-256 för visad PDF"), max_length=64, blank=True)
    signed_at = models.DateTimeField(_("undertecknad"), null=True, blank=True)

    history = HistoricalRecords()
    objects = SignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        ordering = ["partnership", "signed_on", "pk"]

    def __str__(self):
        return f"{self.signatory_name_shown}, {self.participation.organisation}"

    @property
    def signatory_name_shown(self):
        """The signatory's name, or that the signed document does not give it."""
        return self.signatory_name or MISSING_IN_DOCUMENT

    @property
    def scan_download_name(self):
        return f"underskrift-{self.pk}.pdf"

    def deletion_refusal(self) -> str:
        """Why this signature may not be removed ("" if it may): an amendment it helped bring
        into force, or a partnership marked as signed with it. A bilaga's signatures decide no
        status. Read fresh, since the service asks after taking its locks."""
        if self.document == self.Document.AMENDMENT and self.amendment_id:
            amendment = Amendment.objects.get(pk=self.amendment_id)
            if amendment.status == Amendment.Status.IN_FORCE:
                return _(
                    "Underskriften kan inte tas bort: %(amendment)s trädde i kraft när alla "
                    "parter hade undertecknat och gäller nu. Namn, titel, ort och skanning kan "
                    "rättas."
                ) % {"amendment": amendment}
        if self.document == self.Document.AGREEMENT:
            partnership = Partnership.objects.get(pk=self.partnership_id)
            if self.status_rests_on_it(partnership):
                return _(
                    "Underskriften kan inte tas bort: partnerskapet markerades som undertecknat "
                    "med den och har nu status %(status)s. Namn, titel, ort och skanning kan "
                    "rättas."
                ) % {"status": str(partnership.get_status_display()).lower()}
        return ""

    def status_rests_on_it(self, partnership) -> bool:
        """Whether the partnership's status rests on this signature of the agreement: it has
        been marked as signed and the signature was on record then. One recorded after that
        step (a party that joined later) decided nothing. Without a step or a history row to
        compare (data entered before the lifecycle was recorded) it is taken to rest on it."""
        if partnership.status not in SIGNED_OR_LATER:
            return False
        step = (
            LifecycleStep.objects.filter(
                partnership=partnership, to_status=Partnership.Status.SIGNED
            )
            .order_by("-recorded_at")
            .values_list("recorded_at", flat=True)
            .first()
        )
        recorded = (
            type(self)
            .history.filter(id=self.pk, history_type="+")
            .values_list("history_date", flat=True)
            .first()
        )
        return step is None or recorded is None or recorded <= step

    def clean(self):
        super().clean()
        errors = {}
        if self.document == self.Document.ANNEX and not self.annex_id:
            errors["annex"] = _("Välj bilagan som undertecknas.")
        if self.document == self.Document.AMENDMENT and not self.amendment_id:
            errors["amendment"] = _("Välj ändringen som undertecknas.")
        if self.participation_id and self.partnership_id:
            if self.participation.partnership_id != self.partnership_id:
                errors["participation"] = _("Parten hör inte till det här partnerskapet.")
        if not errors and self.participation_id:
            same = Signature.objects.filter(
                partnership_id=self.partnership_id,
                document=self.document,
                annex_id=self.annex_id if self.document == self.Document.ANNEX else None,
                amendment_id=self.amendment_id
                if self.document == self.Document.AMENDMENT
                else None,
                participation_id=self.participation_id,
            ).exclude(pk=self.pk)
            if same.exists():
                errors["participation"] = _("Parten har redan undertecknat den här handlingen.")
        if errors:
            raise ValidationError(errors)
