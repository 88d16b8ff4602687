"""The amendment form: what the amendment changes (the agreement, a bilaga or a commitment) and
the new values, each prefilled with what the agreement says today."""

from django import forms
from django.utils.translation import gettext_lazy as _

from iop.concurrency import VersionFormMixin
from iop.form_fields import RowsChoiceField
from partnerships.forms import DateInput, ReasonFormMixin
from partnerships.forms_amendment_annex import ANNEX_FORM_FIELDS, AnnexChangesMixin
from partnerships.models import (
    AMENDABLE_DATE_FIELDS,
    CLAUSES,
    COMMITMENTS,
    COMPENSATIONS,
    GOALS,
    PERIOD_TERM_FIELDS,
    Amendment,
    Commitment,
    CommitteeDecision,
    Partnership,
)

# The form's field for each period rule: "new_" and the partnership's field.
PERIOD_FORM_FIELDS = {f"new_{name}": name for name in PERIOD_TERM_FIELDS}
GOAL_FORM_FIELDS = ("new_goal", "changed_goal", "changed_goal_text", "removed_goals")
CLAUSE_FORM_FIELDS = (
    "new_clause_number",
    "new_clause_heading",
    "new_clause_body",
    "changed_clause",
    "changed_clause_heading",
    "changed_clause_body",
    "removed_clauses",
)


def _period_field(name):
    field = Partnership._meta.get_field(name).formfield(required=False)
    field.label = str(field.label).capitalize()
    if name in AMENDABLE_DATE_FIELDS:
        field.widget = DateInput()
    return field


class AmendmentForm(AnnexChangesMixin, VersionFormMixin, ReasonFormMixin, forms.ModelForm):
    new_title = forms.CharField(label=_("Ny rubrik"), max_length=300, required=False)
    new_description = forms.CharField(
        label=_("Ny text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Åtagandets beskrivning, bilagans innehåll eller partnerskapets syfte."),
    )
    new_end_date = forms.DateField(
        label=_("Nytt slutdatum"),
        required=False,
        widget=DateInput(),
        help_text=_("Gäller bilaga eller partnerskapet."),
    )
    new_goal = forms.CharField(
        label=_("Nytt mål"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Gäller överenskommelsen: målet läggs till sist."),
    )
    changed_goal_text = forms.CharField(
        label=_("Målets nya text"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    new_clause_number = forms.CharField(
        label=_("Nytt avsnitt: nummer"), max_length=20, required=False
    )
    new_clause_heading = forms.CharField(
        label=_("Nytt avsnitt: rubrik"), max_length=200, required=False
    )
    new_clause_body = forms.CharField(
        label=_("Nytt avsnitt: text"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    changed_clause_heading = forms.CharField(
        label=_("Avsnittets nya rubrik"),
        max_length=200,
        required=False,
        help_text=_("Lämna tomt för att behålla rubriken."),
    )
    changed_clause_body = forms.CharField(
        label=_("Avsnittets nya text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Lämna tomt för att behålla texten."),
    )

    class Meta:
        model = Amendment
        fields = [
            "title",
            "target",
            "commitment",
            "annex",
            "background",
            "committee_decision",
            "decision_reference",
        ]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.partnership = partnership
        self.fields["commitment"].queryset = Commitment.objects.filter(
            annex__partnership=partnership
        ).select_related("annex")
        self.fields["commitment"].label_from_instance = lambda c: f"{c.annex.number}.{c.order} {c}"
        self.fields["annex"].queryset = partnership.annexes.all()
        self.fields["committee_decision"].queryset = CommitteeDecision.objects.filter(
            partnership=partnership
        )
        goals = partnership.goals.all()
        self.fields["changed_goal"] = forms.ModelChoiceField(
            label=_("Mål som ändras"), queryset=goals, required=False
        )
        self.fields["removed_goals"] = RowsChoiceField(
            label=_("Mål som tas bort"),
            queryset=goals,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        clauses = partnership.clauses.all()
        self.fields["changed_clause"] = forms.ModelChoiceField(
            label=_("Avsnitt som ändras"), queryset=clauses, required=False
        )
        self.fields["removed_clauses"] = RowsChoiceField(
            label=_("Avsnitt som tas bort"),
            queryset=clauses,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self._annex_fields(partnership)
        changes = self.instance.changes or {}
        for form_name, name in PERIOD_FORM_FIELDS.items():
            self.fields[form_name] = _period_field(name)
            # Today's value, or the one the draft proposes.
            self.fields[form_name].initial = changes.get(name, getattr(partnership, name))
        if self.instance.pk:
            self.fields["new_title"].initial = changes.get("title", "")
            self.fields["new_description"].initial = changes.get(
                "description", changes.get("purpose", "")
            )
            self.fields["new_end_date"].initial = changes.get("end_date")
            added, changed, removed = self.instance.goal_changes()
            self.fields["new_goal"].initial = "\n".join(added)
            if changed:
                pk, text = next(iter(changed.items()))
                self.fields["changed_goal"].initial = pk
                self.fields["changed_goal_text"].initial = text
            self.fields["removed_goals"].initial = removed
            self._initial_clauses()
            self._initial_annex()
        self.order_fields(
            [
                "title",
                "target",
                "commitment",
                "annex",
                "new_title",
                "new_description",
                "new_end_date",
                *PERIOD_FORM_FIELDS,
                *GOAL_FORM_FIELDS,
                *CLAUSE_FORM_FIELDS,
                *ANNEX_FORM_FIELDS,
                "background",
                "committee_decision",
                "decision_reference",
                "reason",
            ]
        )

    def _partnership_changes(self, data):
        """The period rules that differ from today's, and the goals added, changed, removed."""
        changes = {}
        # The page always sends the period rules, prefilled with today's; a form sent without
        # any of them (an unchecked box is not sent) leaves them as they are.
        sent = any(form_name in self.data for form_name in PERIOD_FORM_FIELDS)
        for form_name, name in PERIOD_FORM_FIELDS.items():
            if not sent or form_name not in data:
                continue  # not sent, or refused by its own field
            value = data[form_name]
            if value != getattr(self.partnership, name):
                changes[name] = value.isoformat() if hasattr(value, "isoformat") else value
        goals = {}
        if (data.get("new_goal") or "").strip():
            goals["add"] = [data["new_goal"].strip()]
        if data.get("changed_goal"):
            text = (data.get("changed_goal_text") or "").strip()
            if not text:
                self.add_error("changed_goal_text", _("Skriv målets nya text."))
            else:
                goals["change"] = {str(data["changed_goal"].pk): text}
        elif (data.get("changed_goal_text") or "").strip():
            self.add_error("changed_goal", _("Välj vilket mål som får den nya texten."))
        if data.get("removed_goals"):
            goals["remove"] = [goal.pk for goal in data["removed_goals"]]
        if goals:
            changes[GOALS] = goals
        clauses = self._clause_changes(data)
        if clauses:
            changes[CLAUSES] = clauses
        return changes

    def _initial_clauses(self):
        added, changed, removed = self.instance.clause_changes()
        if added:
            for name in ("number", "heading", "body"):
                self.fields[f"new_clause_{name}"].initial = added[0].get(name, "")
        if changed:
            pk, values = next(iter(changed.items()))
            self.fields["changed_clause"].initial = pk
            for name in ("heading", "body"):
                self.fields[f"changed_clause_{name}"].initial = values.get(name, "")
        self.fields["removed_clauses"].initial = removed

    def _clause_changes(self, data):
        clauses = {}
        new = {
            name: (data.get(f"new_clause_{name}") or "").strip()
            for name in ("number", "heading", "body")
        }
        if any(new.values()):
            if not new["heading"]:
                self.add_error("new_clause_heading", _("Skriv det nya avsnittets rubrik."))
            clauses["add"] = [new]
        changed = {
            name: (data.get(f"changed_clause_{name}") or "").strip() for name in ("heading", "body")
        }
        changed = {name: value for name, value in changed.items() if value}
        if data.get("changed_clause"):
            if not changed:
                self.add_error(
                    "changed_clause_heading", _("Skriv avsnittets nya rubrik eller text.")
                )
            else:
                clauses["change"] = {str(data["changed_clause"].pk): changed}
        elif changed:
            self.add_error("changed_clause", _("Välj vilket avsnitt som ändras."))
        if data.get("removed_clauses"):
            clauses["remove"] = [clause.pk for clause in data["removed_clauses"]]
        return clauses

    def clean(self):
        data = super().clean()
        target = data.get("target")
        changes = {}
        if data.get("new_title"):
            changes["title"] = data["new_title"]
        if data.get("new_description"):
            key = "purpose" if target == Amendment.Target.PARTNERSHIP else "description"
            changes[key] = data["new_description"]
        if data.get("new_end_date"):
            if target == Amendment.Target.COMMITMENT:
                # add_error also takes the date out of the cleaned data: nothing more to read.
                self.add_error("new_end_date", _("Ett åtagande har inget slutdatum."))
            else:
                changes["end_date"] = data["new_end_date"].isoformat()
        agreement_changes = self._partnership_changes(data)
        if target == Amendment.Target.PARTNERSHIP:
            changes.update(agreement_changes)
        elif target and agreement_changes:
            self.add_error(
                None,
                _(
                    "Överenskommelsens villkor och mål ändras med en ändring av överenskommelsen. "
                    "Välj ”Överenskommelsen” under Ändrar, eller låt dem stå som de är."
                ),
            )
        annex_changes = self._annex_changes(data)
        if target == Amendment.Target.ANNEX:
            changes.update(annex_changes)
        elif target and annex_changes:
            self.add_error(
                None,
                _(
                    "En bilagas åtaganden och ersättning ändras med en ändring av bilagan. "
                    "Välj ”En bilaga” under Ändrar och vilken bilaga."
                ),
            )
        if target != Amendment.Target.COMMITMENT:
            data["commitment"] = None
        if target == Amendment.Target.PARTNERSHIP:
            data["annex"] = None
        data["changes"] = changes
        self.instance.changes = changes  # validated with the model in _post_clean
        if target in (Amendment.Target.PARTNERSHIP, Amendment.Target.ANNEX):
            self._add_change_errors(target, data.get("annex"))
        for name in (
            "new_title",
            "new_description",
            "new_end_date",
            *PERIOD_FORM_FIELDS,
            *GOAL_FORM_FIELDS,
            *CLAUSE_FORM_FIELDS,
            *ANNEX_FORM_FIELDS,
        ):
            data.pop(name, None)
        return data

    def _add_change_errors(self, target, annex):
        """The agreement's own checks of the proposed values, next to the fields typed in."""
        self.instance.target = target
        self.instance.annex = annex
        self.instance.partnership = self.partnership
        for name, messages in self.instance.change_errors().items():
            form_name = f"new_{name}"
            if name == GOALS:
                form_name = "new_goal"
            elif name == CLAUSES:
                form_name = "new_clause_body"
            elif name == COMMITMENTS:
                form_name = "new_commitment_title"
            elif name == COMPENSATIONS:
                form_name = "new_compensation_amount"
            elif form_name not in self.fields:
                form_name = None
            for message in messages:
                self.add_error(form_name, message)
