"""The review's form for the reports an agreement asks of the NGOs: how often (each half-year,
each year) and how many days after a period's end the report is due, kept only when "Ta med"
is ticked. The step that creates the partnership plans the periods (reporting's
`periods_generate`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.forms_import_structure import AcceptForm, from_document
from reporting.models import ReportingPeriod


class ImportReportingForm(AcceptForm):
    rule = forms.ChoiceField(
        label=_("Rapportperioder"),
        choices=[
            ("", "—"),
            (ReportingPeriod.Kind.HALF_YEAR, _("Varje halvår")),
            (ReportingPeriod.Kind.YEAR, _("Varje år")),
        ],
        required=False,
    )
    due_days = forms.IntegerField(
        label=_("Rapporten ska lämnas inom (dagar efter periodens slut)"),
        min_value=0,
        max_value=365,
        required=False,
        error_messages={
            "min_value": _("Ange 0 eller fler dagar."),
            "max_value": _("Ange högst 365 dagar."),
            "invalid": _("Ange ett antal dagar."),
        },
    )

    def __init__(self, *args, passage="", **kwargs):
        super().__init__(*args, **kwargs)
        self.passage = passage
        self.fields["rule"].help_text = from_document(passage)

    def clean(self):
        data = super().clean()
        if data.get("accept"):
            self.require(
                data,
                {
                    "rule": _("Välj hur ofta de idéburna parterna rapporterar."),
                    "due_days": _("Ange inom hur många dagar rapporten ska lämnas."),
                },
            )
        return data
