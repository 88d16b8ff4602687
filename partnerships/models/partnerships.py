from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships import agreement_year, period_rules
from partnerships.models.partnership_queries import PartnershipQuerySet
from partnerships.models.partnership_sentences import MONTH_NAMES, PartnershipSentences
from partnerships.transitions import HasLifecycle, Lifecycle, Transition

# What the pages and the agreement's PDF show for a field the agreement's document lacks.
MISSING_IN_DOCUMENT = _("saknas i underlaget")


def _longest(month):
    """The most days `month` has (29 for February)."""
    return [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]


class Partnership(HasLifecycle, PartnershipSentences, models.Model):
    """The overarching agreement (överenskommelse, huvudavtal)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        NEGOTIATION = "negotiation", _("Förhandling")
        DECIDED = "decided", _("Beslutad")
        SIGNED = "signed", _("Undertecknad")
        ACTIVE = "active", _("Aktiv")
        TERMINATING = "terminating", _("Under uppsägning")
        ENDED = "ended", _("Avslutad")
        RESCINDED = "rescinded", _("Hävd")

    # utkast → förhandling → beslutad → undertecknad → aktiv → under uppsägning → avslutad, and
    # hävd. Each step is recorded as a LifecycleStep (partnerships.states.transition).
    lifecycle = Lifecycle(
        Transition("draft", {Status.NEGOTIATION}, Status.DRAFT, label=_("Tillbaka till utkast")),
        Transition(
            "negotiate",
            {Status.DRAFT, Status.DECIDED},
            Status.NEGOTIATION,
            label=_("Inled förhandling"),
        ),
        Transition(
            "decide",
            {Status.NEGOTIATION},
            Status.DECIDED,
            label=_("Registrera beslut"),
            guards=("guard_decision",),
        ),
        Transition(
            "sign",
            {Status.DECIDED},
            Status.SIGNED,
            label=_("Markera som undertecknad"),
            guards=("guard_signed",),
        ),
        Transition(
            "activate", {Status.SIGNED, Status.TERMINATING}, Status.ACTIVE, label=_("Aktivera")
        ),
        Transition(
            "terminate", {Status.ACTIVE}, Status.TERMINATING, label=_("Markera som uppsagd")
        ),
        Transition("end", {Status.ACTIVE, Status.TERMINATING}, Status.ENDED, label=_("Avsluta")),
        Transition(
            "rescind",
            {Status.SIGNED, Status.ACTIVE, Status.TERMINATING},
            Status.RESCINDED,
            label=_("Häv avtalet"),
        ),
    )

    # From "beslutad" on the agreement is a record the public may read; drafts and agreements
    # under negotiation are not yet decided and are not in the public register.
    PUBLIC_STATUSES = (
        Status.DECIDED,
        Status.SIGNED,
        Status.ACTIVE,
        Status.TERMINATING,
        Status.ENDED,
        Status.RESCINDED,
    )
    # The register's fields, public unless the whole agreement is secret.
    PUBLIC_FIELDS = ("title", "registration_number", "status", "start_date", "end_date")
    # The agreement's text fields, each public unless marked secret (`secret_fields`).
    PUBLIC_TEXT_FIELDS = (
        "background",
        "purpose",
        "target_group",
        "basis",
        "values",
        "gender_perspective",
        "information_dissemination",
        "confidentiality",
    )

    # The statuses that end by themselves when the period runs out (`has_run_out`).
    ENDS_WITH_ITS_PERIOD = (Status.ACTIVE, Status.TERMINATING)
    # The statuses in which it is over (`is_over`): its parties have left, its groups need not
    # meet.
    OVER = (Status.ENDED, Status.RESCINDED)
    # From "undertecknad" on, every party has signed: the terms (`terms_locked`) change only
    # through an amendment that every party signs, as each agreement says.
    TERMS_LOCKED_STATUSES = (
        Status.SIGNED,
        Status.ACTIVE,
        Status.TERMINATING,
        Status.ENDED,
        Status.RESCINDED,
    )
    # What a rättelse may correct once the terms are locked: how the agreement is named and
    # filed, not what it says. Every other field the edit page shows is a term.
    CLERICAL_FIELDS = ("title", "registration_number")

    class YearBasis(models.TextChoices):
        AGREEMENT = agreement_year.AGREEMENT, _("Avtalsåret")
        CALENDAR = agreement_year.CALENDAR, _("Kalenderåret")

    class ExtensionKind(models.TextChoices):
        NONE = "none", _("Ingen förlängning")
        AUTOMATIC = "automatic", _("Förlängs automatiskt om den inte sägs upp")
        BY_AGREEMENT = "by_agreement", _("Förlängs genom skriftlig överenskommelse")

    title = models.CharField(_("titel"), max_length=300)
    # Empty (NULL, so that several may lack one) when the agreement's document has none: an
    # agreement registered as it stands keeps what the document says, and the pages show
    # "saknas i underlaget" (`registration_number_shown`).
    registration_number = models.CharField(
        _("diarienummer"),
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        error_messages={"unique": _("Det finns redan ett partnerskap med det diarienumret.")},
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )

    background = models.TextField(_("bakgrund"), blank=True)
    purpose = models.TextField(_("syfte"), blank=True)
    target_group = models.TextField(_("målgrupp"), blank=True)
    basis = models.TextField(
        _("grund"), blank=True, help_text=_("Krav på organisationerna i samverkan.")
    )
    values = models.TextField(_("värdegrund"), blank=True)
    gender_perspective = models.TextField(_("jämställdhetsperspektiv"), blank=True)
    information_dissemination = models.TextField(_("informationsspridning"), blank=True)
    confidentiality = models.TextField(_("sekretess, tystnadsplikt och orosanmälan"), blank=True)

    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(
        _("slutdatum"), help_text=_("Nuvarande slutdatum; ändras när partnerskapet förlängs.")
    )
    extension_kind = models.CharField(
        _("förlängning"),
        max_length=20,
        choices=ExtensionKind.choices,
        default=ExtensionKind.NONE,
    )
    extension_months = models.PositiveSmallIntegerField(
        _("förlängning i månader"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    extension_last_date = models.DateField(_("längst till"), null=True, blank=True)
    notice_day = models.PositiveSmallIntegerField(
        _("sista dag för uppsägning (dag)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    notice_month = models.PositiveSmallIntegerField(
        _("sista dag för uppsägning (månad)"),
        null=True,
        blank=True,
        choices=list(MONTH_NAMES.items()),
    )
    agreement_months_before_end = models.PositiveSmallIntegerField(
        _("överenskommelse senast antal månader före slutdatum"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
    )
    funds_condition = models.BooleanField(
        _("förutsatt att medel finns"),
        default=True,
        help_text=_("Partnerskapet gäller förutsatt att medel för partnerskapet finns."),
    )
    # Empty when the agreement has no rule for a party's notice: a party's notice then takes
    # effect the day it is given and there is no notice period to wait for (no deadline).
    party_notice_months = models.PositiveSmallIntegerField(
        _("uppsägningstid för part (månader)"),
        default=4,
        null=True,
        blank=True,
        validators=[MaxValueValidator(36)],
        help_text=_("Lämna tomt om avtalet inte har någon regel om uppsägningstid för part."),
    )
    termination_notice_months = models.PositiveSmallIntegerField(
        _("uppsägningstid vid uppsägning av styrgruppen (månader)"),
        default=3,
        validators=[MaxValueValidator(36)],
    )
    # Where the agreement year begins (the EU-citizens agreement: 1 May); empty: the start
    # date's day and month (`agreement_year_start`).
    agreement_year_day = models.PositiveSmallIntegerField(
        _("avtalsåret börjar (dag)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Lämna tomt om avtalsåret börjar samma dag och månad som partnerskapet."),
    )
    agreement_year_month = models.PositiveSmallIntegerField(
        _("avtalsåret börjar (månad)"),
        null=True,
        blank=True,
        choices=list(MONTH_NAMES.items()),
    )
    # What half-year reports, financial statements and the annual compilation follow. Rows
    # from before the agreement year existed keep the calendar year; the form proposes the
    # agreement year for a new partnership.
    year_basis = models.CharField(
        _("rapportering och redovisning följer"),
        max_length=20,
        choices=YearBasis.choices,
        default=YearBasis.CALENDAR,
        help_text=_(
            "Halvårsrapporter, ekonomiska redovisningar och den årliga sammanställningen "
            "följer avtalsåret eller kalenderåret."
        ),
    )

    # Openness (offentlighets- och sekretesslagen): an agreement is a public record unless staff
    # mark it secret, wholly or in part, with the OSL ground. What the public register shows
    # follows from these, the clauses' and bilagor's own marks and `PUBLIC_FIELDS`, in one
    # place: `PartnershipQuerySet.public` and `Partnership.public_text`.
    class Secrecy(models.TextChoices):
        NONE = "", _("Offentlig")
        PARTIAL = "partial", _("Delvis sekretess")
        WHOLE = "whole", _("Sekretess i sin helhet")

    secrecy = models.CharField(
        _("sekretess"), max_length=20, choices=Secrecy.choices, default=Secrecy.NONE, blank=True
    )
    secrecy_ground = models.CharField(
        _("sekretessgrund enligt OSL"),
        max_length=300,
        blank=True,
        help_text=_("Bestämmelsen i offentlighets- och sekretesslagen, t.ex. 26 kap. 1 § OSL."),
    )
    # The agreement's text fields (of PUBLIC_TEXT_FIELDS) held secret when it is partly secret.
    secret_fields = models.JSONField(_("sekretessbelagda avsnitt"), default=list, blank=True)

    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    history = HistoricalRecords()
    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnerskap")
        verbose_name_plural = _("partnerskap")
        ordering = ["-start_date", "title"]
        indexes = [models.Index(fields=["status", "start_date"])]

    def __str__(self):
        if not self.registration_number:
            return self.title
        return f"{self.title} ({self.registration_number})"

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.pk])

    @property
    def registration_number_shown(self):
        """The diarienummer, or that the agreement's document gives none."""
        return self.registration_number or MISSING_IN_DOCUMENT

    def is_text_public(self, field):
        """Whether the agreement's text field `field` may be shown to the public (the partnership
        itself being public: `PartnershipQuerySet.public`)."""
        if self.secrecy == self.Secrecy.WHOLE:
            return False
        return field in self.PUBLIC_TEXT_FIELDS and field not in (self.secret_fields or [])

    def public_text(self, field):
        """The text field as the public sees it: its text, or None when it is secret."""
        return getattr(self, field) if self.is_text_public(field) else None

    @property
    def terms_locked(self):
        """Signed: its period and rules, text, goals and clauses change only by amendment
        (partnerships.models.corrections says what may still be corrected)."""
        return self.status in self.TERMS_LOCKED_STATUSES

    def guard_decision(
        self, *, decision=None, decision_reference="", steering_decision=None, **_kw
    ):
        if not (decision or decision_reference or steering_decision):
            raise ValidationError(
                {"decision_reference": _("Ange beslutet som partnerskapet bygger på.")}
            )

    def missing_agreement_signatures(self, on=None):
        """The current parties that have not signed the overarching agreement."""
        return type(self).objects.missing_agreement_signatures([self], on)[self.pk]

    def guard_signed(self, **_kw):
        missing = self.missing_agreement_signatures()
        if missing:
            raise ValidationError(
                _("Överenskommelsen saknar underskrift från: %(parties)s.")
                % {"parties": ", ".join(str(p.organisation) for p in missing)}
            )
        if not self.participations.exists():
            raise ValidationError(_("Partnerskapet har inga parter."))

    def end_as_of(self, on):
        """The end date as it stands on day `on`: `period_rules.end_on` with the notices and
        extensions (the partnership page's "Slutdatum i dag"). The stored `end_date` lags behind
        it until `apply_extensions` writes a certain automatic extension. Uses `current_end`
        when `current_ends.set_current_ends` has set it for that day; otherwise reads the notices
        and extensions (two queries, or none if prefetched), and nothing without a rule."""
        if self.extension_kind == self.ExtensionKind.NONE:
            return self.end_date
        if getattr(self, "current_end_on", None) == on:
            return self.current_end
        return period_rules.end_on(period_rules.rule_for(self), on, period_rules.events_for(self))

    def has_run_out(self, on=None):
        """Active or under notice, but its end as it stands on day `on` (today by default) has
        passed: ended in all but the stored status, which the daily `apply_extensions` writes
        (with the step, "Avtalstiden löpte ut") through `services.partnership_end_if_expired`."""
        on = on or timezone.localdate()
        if self.status not in self.ENDS_WITH_ITS_PERIOD or self.end_date >= on:
            return False
        return self.end_as_of(on) < on

    def status_on(self, on=None):
        """The status as every page shows it on day `on` (today by default): "Avslutad" once
        the partnership has run out, whether or not the daily command has run. From
        `PartnershipQuerySet.with_effective_status` when the row was read with it."""
        if on is None and "effective_status" in self.__dict__:
            return self.Status(self.effective_status)
        return self.Status.ENDED if self.has_run_out(on) else self.Status(self.status)

    def is_over(self, on=None):
        """Whether the partnership is over on day `on` (today by default) as the pages show it
        (`status_on`): ended, run out or rescinded."""
        return self.status_on(on) in self.OVER

    @property
    def current_status(self):
        """`status_on` today, for templates: `{{ partnership.current_status.label }}`."""
        return self.status_on()

    @property
    def final_end_date(self):
        """The latest day the agreement can run to under its extension rule."""
        return period_rules.last_possible_end(self)

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Slutdatum kan inte vara före startdatum.")
        if self.extension_kind != self.ExtensionKind.NONE:
            if not self.extension_months:
                errors["extension_months"] = _("Ange hur många månader varje förlängning gäller.")
            if not self.extension_last_date:
                errors["extension_last_date"] = _(
                    "Ange det sista datum partnerskapet kan förlängas till."
                )
            elif self.end_date and self.extension_last_date < self.end_date:
                errors["extension_last_date"] = _(
                    "Sista datum för förlängning kan inte vara före slutdatum."
                )
        if self.extension_kind == self.ExtensionKind.AUTOMATIC:
            if not (self.notice_day and self.notice_month):
                errors["notice_day"] = _(
                    "Ange den dag varje år då partnerskapet senast ska sägas upp."
                )
        if self.extension_kind == self.ExtensionKind.BY_AGREEMENT:
            if self.agreement_months_before_end is None:
                errors["agreement_months_before_end"] = _(
                    "Ange hur många månader före slutdatum parterna senast ska komma överens."
                )
        if bool(self.agreement_year_day) != bool(self.agreement_year_month):
            errors["agreement_year_day"] = _(
                "Ange både dag och månad då avtalsåret börjar, eller lämna båda tomma."
            )
        elif self.agreement_year_day and self.agreement_year_day > _longest(
            self.agreement_year_month
        ):
            errors["agreement_year_day"] = _("Den dagen finns inte i den månaden.")
        if self.notice_day and self.notice_month:
            if self.notice_day > _longest(self.notice_month):
                errors["notice_day"] = _("Den dagen finns inte i den månaden.")
        if errors:
            raise ValidationError(errors)

    # --- The agreement year ------------------------------------------------------------

    @property
    def agreement_year_start(self):
        """(month, day) the agreement year begins on: as set, else the start date's."""
        return agreement_year.agreement_year_start(self)

    @property
    def follows_agreement_year(self):
        return agreement_year.follows_agreement_year(self)

    def agreement_years(self):
        """[(start, end), ...]: the agreement years from the start date to the (current) end
        date, the first and last cut at them."""
        return self.year_spans(12, basis=self.YearBasis.AGREEMENT)

    def year_spans(self, months=12, basis=None, first=None, last=None):
        """The years (`months` 12) or half-years (6) that reporting follows: of the agreement
        year or the calendar year (`basis`, the partnership's `year_basis` by default), from
        `first` to `last` (the partnership's start and end by default)."""
        return agreement_year.year_spans(self, months, basis, first, last)

    def reporting_years(self):
        """[(number, first, last), ...]: the years reporting follows, each numbered by the
        calendar year it begins in (an annual compilation's `year`)."""
        return agreement_year.reporting_years(self)
