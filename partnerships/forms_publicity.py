"""The form that marks an agreement secret under OSL, wholly or in part."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.forms import ReasonFormMixin
from partnerships.models import Annex, Clause, Partnership


class SecrecyForm(ReasonFormMixin, forms.Form):
    """Which parts of the agreement are secret under OSL (partnerships.services.publicity)."""

    secrecy = forms.ChoiceField(
        label=_("Offentlighet"),
        choices=Partnership.Secrecy.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    secrecy_ground = forms.CharField(
        label=_("Sekretessgrund enligt OSL"),
        max_length=300,
        required=False,
        help_text=_("Bestämmelsen i offentlighets- och sekretesslagen, t.ex. 26 kap. 1 § OSL."),
    )
    secret_fields = forms.MultipleChoiceField(
        label=_("Avsnitt i avtalstexten med sekretess"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    secret_clauses = forms.ModelMultipleChoiceField(
        label=_("Övriga avsnitt med sekretess"),
        queryset=Clause.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    secret_annexes = forms.ModelMultipleChoiceField(
        label=_("Bilagor med sekretess"),
        queryset=Annex.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, partnership, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "secrecy": partnership.secrecy,
                "secrecy_ground": partnership.secrecy_ground,
                "secret_fields": partnership.secret_fields,
                "secret_clauses": [c.pk for c in partnership.clauses.all() if c.secret],
                "secret_annexes": [a.pk for a in partnership.annexes.all() if a.secret],
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["secret_fields"].choices = [
            (name, Partnership._meta.get_field(name).verbose_name.capitalize())
            for name in Partnership.PUBLIC_TEXT_FIELDS
        ]
        self.fields["secret_clauses"].queryset = partnership.clauses.all()
        self.fields["secret_annexes"].queryset = partnership.annexes.all()

    def clean_secrecy(self):
        return self.cleaned_data.get("secrecy") or Partnership.Secrecy.NONE
