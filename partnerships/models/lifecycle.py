"""The agreement's life as data: committee cases and decisions, lifecycle steps, notices,
extensions, amendments and signatures."""

import uuid

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.grants import is_administration
from partnerships.models.parties import Annex, Commitment, Participation
from partnerships.models.partnerships import Partnership
from partnerships.transitions import HasLifecycle, Lifecycle, Transition


class CommitteeCase(models.Model):
    """The administration's proposal to the committee (tjänsteutlåtande)."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="committee_cases",
        verbose_name=_("partnerskap"),
    )
    title = models.CharField(_("rubrik"), max_length=500)
    proposal_date = models.DateField(_("datum för tjänsteutlåtandet"))
    registration_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    handler = models.CharField(_("handläggare"), max_length=200, blank=True)
    summary = models.TextField(_("sammanfattning"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nämndärende")
        verbose_name_plural = _("nämndärenden")
        ordering = ["partnership", "-proposal_date", "pk"]

    def __str__(self):
        return self.title[:120]


class CommitteeDecision(models.Model):
    """The committee's decision on a case, with numbered decision points and delegations."""

    case = models.ForeignKey(
        CommitteeCase,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("ärende"),
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="committee_decisions",
        verbose_name=_("partnerskap"),
    )
    body = models.CharField(_("beslutande organ"), max_length=200, default="Socialnämnden")
    decided_on = models.DateField(_("beslutsdatum"))
    registration_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    paragraph = models.CharField(_("paragraf"), max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nämndbeslut")
        verbose_name_plural = _("nämndbeslut")
        ordering = ["partnership", "-decided_on", "pk"]

    def __str__(self):
        label = _("%(body)s beslut %(date)s") % {
            "body": self.body,
            "date": self.decided_on.isoformat() if self.decided_on else "",
        }
        if self.registration_number:
            label += f" ({self.registration_number})"
        return str(label)

    def clean(self):
        super().clean()
        if self.case_id and self.partnership_id and self.case.partnership_id != self.partnership_id:
            raise ValidationError({"case": _("Ärendet hör inte till det här partnerskapet.")})


class DecisionPoint(models.Model):
    decision = models.ForeignKey(
        CommitteeDecision,
        on_delete=models.CASCADE,
        related_name="points",
        verbose_name=_("beslut"),
    )
    number = models.PositiveSmallIntegerField(_("punkt"))
    text = models.TextField(_("beslutstext"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beslutspunkt")
        verbose_name_plural = _("beslutspunkter")
        ordering = ["decision", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "number"],
                name="unique_point_number_per_decision",
                violation_error_message=_("Beslutet har redan en punkt med det numret."),
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"


class Delegation(models.Model):
    class Kind(models.TextChoices):
        CHANGE_COMMITMENTS = "change_commitments", _("Ändra åtaganden inom partnerskapet")
        STOP_PAYMENTS = (
            "stop_payments_and_reclaim",
            _("Stoppa utbetalning och kräva tillbaka medel"),
        )
        OTHER = "other", _("Annat")

    decision = models.ForeignKey(
        CommitteeDecision,
        on_delete=models.CASCADE,
        related_name="delegations",
        verbose_name=_("beslut"),
    )
    to_whom = models.CharField(_("till"), max_length=200)
    scope = models.TextField(_("omfattning"))
    kind = models.CharField(_("slag"), max_length=40, choices=Kind.choices, default=Kind.OTHER)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegationer")
        ordering = ["decision", "pk"]

    def __str__(self):
        return f"{self.to_whom}: {self.get_kind_display()}"


class DecisionReference(models.Model):
    """The decision behind a step: a committee decision, a steering-group decision (governance),
    or a free-text reference (kept for decisions made outside the app)."""

    committee_decision = models.ForeignKey(
        CommitteeDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nämndbeslut"),
    )
    decision_reference = models.CharField(
        _("beslut"),
        max_length=300,
        blank=True,
        help_text=_("T.ex. styrgruppens beslut 2024-03-12 § 4."),
    )
    steering_decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("styrgruppens beslut"),
    )

    class Meta:
        abstract = True

    @property
    def decision_label(self):
        """The committee decision and the free text; a linked steering-group decision is shown
        as a link by templates/partnerships/partials/decision.html."""
        parts = [str(self.committee_decision)] if self.committee_decision_id else []
        if self.decision_reference:
            parts.append(self.decision_reference)
        return "; ".join(parts)


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
        PARTNERSHIP = "partnership", _("Uppsägning av partnerskapet")
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
        AGREEMENT = "agreement", _("Skriftlig överenskommelse om förlängning")

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
        from django.urls import reverse

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
    signatory_name = models.CharField(_("namn på firmatecknare"), max_length=200)
    signatory_title = models.CharField(_("titel"), max_length=200, blank=True)
    place = models.CharField(_("ort"), max_length=100, blank=True)
    signed_on = models.DateField(_("datum"))
    scan = models.FileField(
        _("inskannad handling (PDF)"), upload_to=signature_scan_path, blank=True
    )

    history = HistoricalRecords()
    objects = SignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        ordering = ["partnership", "signed_on", "pk"]

    def __str__(self):
        return f"{self.signatory_name}, {self.participation.organisation}"

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


class CalendarToken(models.Model):
    """The secret in a user's personal iCalendar feed URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_token",
        verbose_name=_("användare"),
    )
    token = models.CharField(_("nyckel"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("kalendernyckel")
        verbose_name_plural = _("kalendernycklar")

    def __str__(self):
        return str(self.user)
