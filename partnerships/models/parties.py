from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.agreement_year import CALENDAR
from partnerships.grants import GrantedQuerySet, is_administration
from partnerships.models.organisations import Organisation
from partnerships.models.partnerships import Partnership
from partnerships.transitions import HasLifecycle, Lifecycle, Transition

AMOUNT_MIN = MinValueValidator(0, message=_("Beloppet kan inte vara negativt."))


def _check_within_partnership(partnership, start, end, start_field, end_field):
    """Errors for a period that falls outside the partnership's period (up to its final end)."""
    errors = {}
    if not partnership:
        return errors
    first, last = partnership.start_date, partnership.final_end_date
    if start and end and end < start:
        errors[end_field] = _("Slutdatum kan inte vara före startdatum.")
    if start and first and start < first:
        errors[start_field] = _("Datumet ligger före partnerskapets start %(start)s.") % {
            "start": formats.date_format(first, "DATE_FORMAT")
        }
    if start and last and start > last:
        errors[start_field] = _("Datumet ligger efter partnerskapets sista dag %(end)s.") % {
            "end": formats.date_format(last, "DATE_FORMAT")
        }
    if end and last and end > last:
        errors[end_field] = _("Datumet ligger efter partnerskapets sista dag %(end)s.") % {
            "end": formats.date_format(last, "DATE_FORMAT")
        }
    return errors


class ParticipationQuerySet(models.QuerySet):
    def current(self, on=None):
        """The parties on day `on` (today by default): joined on or before it and not left
        before it. `left_on` is the party's last day, as the agreement counts it: a notice ends
        the commitment on its effective day, and payments due that day are still made
        (`money.payments_generate` cancels only those due after it). So a party that leaves on
        30 June is a party on 30 June and not on 1 July. `Participation.is_current` says the
        same of one row. This is whose signatures an amendment or the agreement waits for."""
        on = on or timezone.localdate()
        return self.filter(joined_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gte=on))

    def during(self, start, end):
        """The parties on some day from `start` to `end` (`current` on at least one of those
        days): joined by `end` and not left before `start`. Who reports for a reporting period:
        a party that leaves during it reports for it, one that left before it does not.
        `start` and `end` may be expressions (`OuterRef("start")`)."""
        return self.filter(joined_on__lte=end).filter(
            Q(left_on__isnull=True) | Q(left_on__gte=start)
        )

    def may_be_given_notice(self):
        """The parties that have not left nor been given a leaving day: a notice, termination
        or rescission is a step of `Participation.lifecycle`, taken once
        (`Participation.may_be_given_notice`)."""
        return self.filter(leave_reason="")


class Participation(HasLifecycle, models.Model):
    """An organisation's part in a partnership, from the day it joined to the day it left."""

    class LeaveReason(models.TextChoices):
        NOTICE = "notice", _("Parten sade upp sitt åtagande")
        TERMINATED = "terminated", _("Styrgruppen sade upp parten")
        RESCINDED = "rescinded", _("Staden hävde avtalet med parten")
        ENDED = "ended", _("Partnerskapet avslutades")
        OTHER = "other", _("Annat skäl")

    # A party's status is why it leaves: none while it is a party with no leaving day, then one
    # step, taken once, that sets the reason and the leaving day (`left_on`, passed as a field).
    # Whether it is already gone on a given day follows from that day (`is_current`,
    # `has_left`). The notice page offers the three a person takes (services.parties
    # .notice_give); "end" and "leave" are for agreements registered as they stood.
    lifecycle = Lifecycle(
        Transition("give_notice", {""}, LeaveReason.NOTICE),
        Transition("terminate", {""}, LeaveReason.TERMINATED),
        Transition("rescind", {""}, LeaveReason.RESCINDED),
        Transition("end", {""}, LeaveReason.ENDED),
        Transition("leave", {""}, LeaveReason.OTHER),
        field="leave_reason",
    )

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("partnerskap"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    unit = models.CharField(
        _("enhet"),
        max_length=300,
        blank=True,
        help_text=_("Den avdelning eller enhet som företräder parten i detta partnerskap."),
    )
    joined_on = models.DateField(_("inträdde"))
    left_on = models.DateField(_("utträdde"), null=True, blank=True)
    leave_reason = models.CharField(
        _("skäl för utträde"), max_length=20, choices=LeaveReason.choices, blank=True
    )
    leave_note = models.TextField(_("kommentar till utträdet"), blank=True)
    accepted_conditions_on = models.DateField(
        _("accepterade villkoren"),
        null=True,
        blank=True,
        help_text=_("En ny part ska acceptera samtliga villkor som gäller i partnerskapet."),
    )

    history = HistoricalRecords()
    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parter")
        ordering = ["partnership", "-organisation__kind", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                name="unique_party_per_partnership",
                violation_error_message=_("Organisationen är redan part i partnerskapet."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.partnership.registration_number_shown}"

    @property
    def is_public(self):
        return self.organisation.kind == Organisation.Kind.PUBLIC

    def is_current(self, on=None):
        """A party on day `on` (today by default); see `ParticipationQuerySet.current`."""
        on = on or timezone.localdate()
        return self.joined_on <= on and (self.left_on is None or self.left_on >= on)

    def was_party_during(self, start, end):
        """See `ParticipationQuerySet.during`."""
        return self.joined_on <= end and (self.left_on is None or self.left_on >= start)

    def has_left(self, on=None):
        """Whether the party is gone by day `on` (today by default): its last day has passed,
        or the partnership itself has ended (`Partnership.status_on`), whether or not the
        daily command has written that yet. What the pages show as "utträdd"."""
        on = on or timezone.localdate()
        if self.left_on is not None and self.left_on < on:
            return True
        return self.partnership.is_over(on)

    @property
    def payments_end_sentence(self):
        """What the party's page rows and its bilagor say of its payments once it has a last
        day: those due after it are cancelled (`services.money.cancel_payments_after`), the
        agreement's "compensation for the notice period, no payments after it"."""
        if self.left_on is None:
            return ""
        return gettext("Utbetalningar upphör efter %(day)s.") % {"day": self.left_on.isoformat()}

    @property
    def may_be_given_notice(self):
        """See `ParticipationQuerySet.may_be_given_notice`."""
        return bool(self.allowed_actions)

    def clean(self):
        super().clean()
        partnership = self.partnership if self.partnership_id else None
        errors = _check_within_partnership(
            partnership, self.joined_on, self.left_on, "joined_on", "left_on"
        )
        if self.left_on and not self.leave_reason:
            errors.setdefault("leave_reason", _("Ange skälet till att parten lämnade."))
        if self.leave_reason and not self.left_on:
            errors.setdefault("left_on", _("Ange datum då parten lämnade."))
        if errors:
            raise ValidationError(errors)


class AnnexQuerySet(GrantedQuerySet):
    """A bilaga is its party's: a representative sees the bilagor their organisation's group
    was granted `view_annex` on (the bilaga's party, see `partnerships.grants`), not the other
    parties' bilagor of the same partnership."""

    def signed(self):
        """Bilagor their party has signed: the agreement, or the bilaga (a party joining later).
        Before that a bilaga is a draft: it binds no one and the public register omits it."""
        Signature = self.model._meta.get_field("signatures").related_model  # defined later
        agreement = Signature.objects.filter(participation=OuterRef("participation"))
        agreement = agreement.filter(document="agreement")
        own = Signature.objects.filter(
            annex=OuterRef("pk"), participation=OuterRef("participation"), document="annex"
        )
        return self.filter(Q(Exists(agreement)) | Q(Exists(own)))


class AnnexPartQuerySet(models.QuerySet):
    """For what belongs to one bilaga, and so to its party alone (commitments, compensation,
    payments, co-financing, budget lines): visible exactly when the bilaga is."""

    def visible_to(self, user):
        if is_administration(user):
            return self
        return self.filter(annex__in=Annex.objects.visible_to(user))


class Annex(models.Model):
    """A bilaga: one party's commitments, period and compensation; has its own diarienummer."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="annexes", verbose_name=_("partnerskap")
    )
    participation = models.ForeignKey(
        Participation,
        on_delete=models.PROTECT,
        related_name="annexes",
        verbose_name=_("part"),
    )
    number = models.PositiveSmallIntegerField(_("nummer"), default=1)
    title = models.CharField(_("rubrik"), max_length=300)
    registration_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("slutdatum"))
    description = models.TextField(_("innehåll och upplägg"), blank=True)
    # Held secret under OSL: its text and commitments are left out of the public page (its
    # compensation, public money paid, stays in the register).
    secret = models.BooleanField(_("sekretess"), default=False)

    history = HistoricalRecords()
    objects = AnnexQuerySet.as_manager()

    # What a rättelse may correct once the bilaga's terms are locked (its number, name and
    # diarienummer); its period, text, commitments and compensation are terms.
    CLERICAL_FIELDS = ("number", "title", "registration_number")

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["partnership", "number", "pk"]

    def __str__(self):
        return _("Bilaga %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def get_absolute_url(self):
        return reverse("partnerships:annex_detail", args=[self.pk])

    def statement_years(self):
        """(start, end) of each year a financial statement of the bilaga accounts for ("before
        each new agreement year"): the partnership's agreement years within the bilaga's period
        when it follows the agreement year; otherwise the compensation periods, or else the
        calendar years of the bilaga's period."""
        partnership = self.partnership
        first, last = self.start_date, self.end_date
        if partnership.follows_agreement_year:
            return partnership.year_spans(12, first=first, last=last)
        spans = sorted({(c.period_start, c.period_end) for c in self.compensations.all()})
        return spans or partnership.year_spans(12, basis=CALENDAR, first=first, last=last)

    @cached_property
    def terms_locked(self):
        """Its period, text, commitments and compensation change only by amendment: the
        agreement is signed (`Partnership.terms_locked`) and the bilaga's party has signed the
        agreement or this bilaga. A bilaga written for a party that joins later stays open
        until that party signs it. One query, once per instance."""
        if self.pk is None or not self.partnership.terms_locked:
            return False
        return Annex.objects.filter(pk=self.pk).signed().exists()

    def clean(self):
        super().clean()
        partnership = self.partnership if self.partnership_id else None
        errors = _check_within_partnership(
            partnership, self.start_date, self.end_date, "start_date", "end_date"
        )
        if (
            self.participation_id
            and self.partnership_id
            and self.participation.partnership_id != self.partnership_id
        ):
            errors["participation"] = _("Parten hör inte till det här partnerskapet.")
        if errors:
            raise ValidationError(errors)


class Commitment(models.Model):
    """An åtagande: one undertaking inside a bilaga; changes keep their reason in history."""

    annex = models.ForeignKey(
        Annex, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("bilaga")
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)

    history = HistoricalRecords()
    objects = AnnexPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("åtagande")
        verbose_name_plural = _("åtaganden")
        ordering = ["annex", "order", "pk"]

    def __str__(self):
        return self.title

    @property
    def terms_locked(self):
        """A commitment is a term of its bilaga (`Annex.terms_locked`)."""
        return self.annex.terms_locked


class Compensation(models.Model):
    """Ersättning: what the city pays under a bilaga for one agreement year."""

    annex = models.ForeignKey(
        Annex, on_delete=models.CASCADE, related_name="compensations", verbose_name=_("bilaga")
    )
    period_start = models.DateField(_("från"))
    period_end = models.DateField(_("till och med"))
    amount = models.DecimalField(
        _("belopp (kr)"), max_digits=14, decimal_places=2, validators=[AMOUNT_MIN]
    )
    note = models.CharField(_("kommentar"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = AnnexPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("ersättning")
        verbose_name_plural = _("ersättningar")
        ordering = ["annex", "period_start"]

    def __str__(self):
        return f"{self.annex}: {self.period_start}–{self.period_end}"

    @property
    def terms_locked(self):
        """The compensation is a term of its bilaga (`Annex.terms_locked`)."""
        return self.annex.terms_locked

    def amount_between(self, start, end):
        """The part of the amount that falls from `start` to `end` (inclusive), in proportion
        to the days of its period: how a fiscal year's or an agreement year's compensation is
        counted (the state-aid ledger, the overcompensation check)."""
        days = (self.period_end - self.period_start).days + 1
        overlap = (min(end, self.period_end) - max(start, self.period_start)).days + 1
        if days <= 0 or overlap <= 0:
            return Decimal(0)
        return (self.amount * overlap / days).quantize(Decimal("0.01"))

    def deletion_refusal(self) -> str:
        """Why this row may not be deleted ("" if it may): a payment already paid, stopped or
        cancelled records money that moved or a decision about it. Planned payments go with
        the row. Asked by the service, the delete page and the admin."""
        planned = self.payments.model.Status.PLANNED
        # Through all(): a page listing many rows prefetches their payments.
        if any(payment.status != planned for payment in self.payments.all()):
            return _(
                "Ersättningen har utbetalningar som är utbetalda, stoppade eller inställda och "
                "kan inte tas bort. Ändra beloppet eller perioden i stället."
            )
        return ""

    @property
    def past_annex_end_remark(self) -> str:
        """A remark when the period runs past the bilaga's end date, or "". Allowed, since an
        extension of the bilaga may follow, but staff should check that one does."""
        annex_end = self.annex.end_date
        if not (self.period_end and annex_end and self.period_end > annex_end):
            return ""
        return _(
            "Ersättningsperioden slutar %(end)s, efter bilagans slutdatum %(annex_end)s. "
            "Kontrollera att bilagan förlängs."
        ) % {"end": self.period_end.isoformat(), "annex_end": annex_end.isoformat()}

    def clean(self):
        super().clean()
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Slutdatum kan inte vara före startdatum.")
        if self.amount is not None and self.amount < 0:
            errors["amount"] = _("Beloppet kan inte vara negativt.")
        if errors:
            raise ValidationError(errors)
