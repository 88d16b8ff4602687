"""The review's form for a steering or cooperation group an agreement describes: its rules as
the group holds them, each with the passage it came from, kept only when "Ta med" is ticked.
`governance.importing` creates the groups that were kept."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import Group
from partnerships.forms_import_structure import AcceptForm, from_document

RULE_FIELDS = (
    "kind",
    "name",
    "ngo_seats_per_party",
    "city_seats_max",
    "cadence_initial_months",
    "cadence_initial_period_months",
    "cadence_later_months",
    "chair_selection",
    "chair_term_months",
    "decision_rule",
    "tie_rule",
    "quorum",
    "notes",
)


class ImportGroupForm(AcceptForm):
    reports_to_steering = forms.BooleanField(
        label=_("Lyfter frågor till styrgruppen"), required=False
    )

    def __init__(self, *args, passages=None, **kwargs):
        super().__init__(*args, **kwargs)
        fields = forms.fields_for_model(
            Group, fields=RULE_FIELDS, widgets={"notes": forms.Textarea(attrs={"rows": 3})}
        )
        for name, field in fields.items():
            field.required = False
            if name in (passages or {}):
                field.help_text = from_document(passages[name])
        self.fields.update(fields)
        if "reports_to" in (passages or {}):
            self.fields["reports_to_steering"].help_text = from_document(passages["reports_to"])
        # "Ta med" first, then the group's rules in the order of governance's own form.
        self.order_fields(["accept", *RULE_FIELDS, "reports_to_steering"])

    def clean(self):
        data = super().clean()
        if not data.get("accept"):
            return data
        self.require(
            data,
            {
                "kind": _("Välj typ av grupp."),
                "name": _("Skriv gruppens namn."),
                "chair_selection": _("Välj hur ordföranden utses."),
            },
        )
        if data.get("cadence_initial_period_months") and not data.get("cadence_later_months"):
            self.add_error("cadence_later_months", _("Ange intervallet som gäller efter början."))
        return data

    def group_fields(self):
        """What `governance.importing.groups_create` takes for this row."""
        data = self.cleaned_data
        fields = {name: data[name] for name in RULE_FIELDS if data.get(name) not in (None, "")}
        fields.setdefault("decision_rule", Group.DecisionRule.MAJORITY)
        fields.setdefault("tie_rule", Group.TieRule.NO_DECISION)
        fields["reports_to_steering"] = data.get("reports_to_steering", False)
        return fields
