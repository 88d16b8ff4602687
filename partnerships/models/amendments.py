"""Ändringar och tillägg: what an amendment may change, and the amendment itself."""

import copy
import datetime as _dt

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.models.clauses import Clause, Goal
from partnerships.models.committee import DecisionReference
from partnerships.models.parties import Annex, Commitment, Compensation, Participation
from partnerships.models.partnership_queries import parties_not_signed, started_by
from partnerships.models.partnerships import Partnership
from partnerships.period_rules import RULE_FIELDS
from partnerships.transitions import HasLifecycle, Lifecycle, Transition

# The partnership's period and its rules: terms (not `Partnership.CLERICAL_FIELDS`) that the
# partnership's edit page shows and that an amendment may give new values.
PERIOD_TERM_FIELDS = [
    *RULE_FIELDS,  # how the period runs out or is extended (partnerships.period_rules)
    "party_notice_months",
    "termination_notice_months",
    "agreement_year_day",
    "agreement_year_month",
]
# Not fields: the goals and the clauses an amendment adds, rewrites or removes, as
# {"add": [value, ...], "change": {"<pk>": value}, "remove": [pk, ...]}; a goal's value is its
# text, a clause's {"number": ..., "heading": ..., "body": ...}.
GOALS = "goals"
CLAUSES = "clauses"
# A bilaga's commitments ({"title", "description"}) and compensation rows ({"period_start",
# "period_end", "amount", "note"}), the same way.
COMMITMENTS = "commitments"
COMPENSATIONS = "compensations"
AMENDABLE_FIELDS = {
    "partnership": ["title", "purpose", "end_date", *PERIOD_TERM_FIELDS, GOALS, CLAUSES],
    "annex": ["title", "description", "end_date", COMMITMENTS, COMPENSATIONS],
    "commitment": ["title", "description"],
}
AMENDABLE_DATE_FIELDS = {"end_date", "extension_last_date"}
# How the amendment form names what can change, for messages.
AMENDABLE_FIELD_NAMES = {
    "title": _("ny rubrik"),
    "purpose": _("ny text"),
    "description": _("ny text"),
    "end_date": _("nytt slutdatum"),
    GOALS: _("mål"),
    CLAUSES: _("avsnitt"),
    COMMITMENTS: _("åtaganden"),
    COMPENSATIONS: _("ersättning"),
}


ROW_CHANGES = {
    GOALS: Goal,
    CLAUSES: Clause,
    COMMITMENTS: Commitment,
    COMPENSATIONS: Compensation,
}
GONE_MESSAGES = {
    GOALS: _("Ett mål som ändringen ändrar eller tar bort finns inte längre i avtalet."),
    CLAUSES: _("Ett avsnitt som ändringen ändrar eller tar bort finns inte längre i avtalet."),
    COMMITMENTS: _("Ett åtagande som ändringen tar bort finns inte längre i bilagan."),
    COMPENSATIONS: _("En ersättning som ändringen ändrar finns inte längre i bilagan."),
}


class AmendmentQuerySet(models.QuerySet):
    def started_by(self, user):
        return started_by(self, user)

    def drafts(self):
        return self.filter(status=Amendment.Status.DRAFT)

    def awaiting_signatures(self):
        return self.filter(status=Amendment.Status.AWAITING)

    def unsigned_parties(self, amendments, on=None):
        """{pk: the parties on day `on` that have not signed it} for `amendments`:
        `Amendment.unsigned_parties` for many, in two queries."""
        documents = {amendment.pk: amendment.partnership_id for amendment in amendments}
        Signature = self.model._meta.get_field("signatures").related_model
        signed = set(
            Signature.objects.filter(amendment_id__in=list(documents)).values_list(
                "amendment_id", "participation_id"
            )
        )
        return parties_not_signed(Participation.objects, documents, signed, on)


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
    objects = AmendmentQuerySet.as_manager()

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
        return type(self).objects.unsigned_parties([self], on)[self.pk]

    @property
    def target_object(self):
        if self.target == self.Target.COMMITMENT:
            return self.commitment
        if self.target == self.Target.ANNEX:
            return self.annex
        return self.partnership

    def row_changes(self, key):
        """(added, {pk: new value}, [removed pks]) of the goals (GOALS: texts) or the clauses
        (CLAUSES: {"number", "heading", "body"})."""
        rows = (self.changes or {}).get(key) or {}
        change = {int(pk): value for pk, value in (rows.get("change") or {}).items()}
        return list(rows.get("add") or []), change, [int(pk) for pk in rows.get("remove") or []]

    def goal_changes(self):
        return self.row_changes(GOALS)

    def clause_changes(self):
        return self.row_changes(CLAUSES)

    def commitment_changes(self):
        return self.row_changes(COMMITMENTS)

    def compensation_changes(self):
        return self.row_changes(COMPENSATIONS)

    def proposed_values(self):
        """{field: new value} of the target's own fields, dates as dates."""
        return {
            name: _dt.date.fromisoformat(value)
            if name in AMENDABLE_DATE_FIELDS and isinstance(value, str)
            else value
            for name, value in (self.changes or {}).items()
            if name not in ROW_CHANGES
        }

    def proposed_partnership_errors(self):
        values = self.proposed_values()
        if self.target != self.Target.PARTNERSHIP or not values:
            return {}
        proposed = copy.copy(Partnership.objects.get(pk=self.partnership_id))
        for name, value in values.items():
            setattr(proposed, name, value)
        try:
            proposed.clean_fields(
                exclude=[f.name for f in Partnership._meta.fields if f.name not in values]
            )
            proposed.clean()
        except ValidationError as exc:
            return exc.message_dict
        return {}

    def _parent(self, key):
        """Where the rows of `key` belong: the partnership, or the bilaga the amendment changes."""
        if key in (GOALS, CLAUSES):
            return {"partnership_id": self.partnership_id}
        return {"annex_id": self.annex_id}

    def proposed_rows(self, key):
        """The rows of `key` as the amendment would add or rewrite them (unsaved)."""
        model = ROW_CHANGES[key]
        added, changed, _removed = self.row_changes(key)
        fields = (lambda v: {"text": v}) if key == GOALS else dict
        rows = [model(**self._parent(key), **fields(values)) for values in added]
        for row in model.objects.filter(**self._parent(key), pk__in=changed):
            for name, value in fields(changed[row.pk]).items():
                setattr(row, name, value)
            rows.append(row)
        return rows

    def change_errors(self):
        """{field, or GOALS, CLAUSES, ...: [message, ...]}: what in the proposed changes the
        agreement as it stands now cannot take (checked when the amendment is written and again
        when it comes into force: a goal may have been removed, another amendment may have
        changed a rule)."""
        errors = {name: list(m) for name, m in self.proposed_partnership_errors().items()}
        for key, model in ROW_CHANGES.items():
            _added, changed, removed = self.row_changes(key)
            named = set(changed) | set(removed)
            found = model.objects.filter(**self._parent(key), pk__in=named)
            if named - set(found.values_list("pk", flat=True)):
                errors.setdefault(key, []).append(GONE_MESSAGES[key])
            for row in self.proposed_rows(key):
                try:
                    # Field by field first: clean() compares values only those make typed.
                    row.clean_fields(exclude=["partnership", "annex"])
                    row.clean()
                except ValidationError as exc:
                    errors.setdefault(key, []).extend(
                        message for messages in exc.message_dict.values() for message in messages
                    )
        if self.compensation_changes()[2]:
            errors.setdefault(COMPENSATIONS, []).append(
                _("En ersättning tas inte bort genom en ändring; ändra beloppet eller perioden.")
            )
        added, changed, _removed = self.goal_changes()
        if any(not str(text or "").strip() for text in [*added, *changed.values()]):
            errors.setdefault(GOALS, []).append(_("Ett mål måste ha en text."))
        return errors

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
