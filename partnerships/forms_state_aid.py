"""A partnership's state-aid basis, and the de minimis ceilings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.forms import ReasonFormMixin, date_widgets
from partnerships.models import AidBasis, StateAidCeiling


class AidBasisForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = AidBasis
        fields = ["kind", "reference"]
        widgets = {"kind": forms.RadioSelect, "reference": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"kind": {"required": _("Välj på vilken grund ersättningen ges.")}}


class StateAidCeilingForm(ReasonFormMixin, forms.ModelForm):
    class Meta:
        model = StateAidCeiling
        fields = ["kind", "valid_from", "ceiling_eur", "sek_per_eur"]
        widgets = date_widgets("valid_from")
        error_messages = {
            "kind": {"required": _("Välj regel.")},
            "valid_from": {"required": _("Ange från vilken dag taket gäller.")},
            "ceiling_eur": {"required": _("Ange taket i euro.")},
            "sek_per_eur": {"required": _("Ange kursen.")},
        }
