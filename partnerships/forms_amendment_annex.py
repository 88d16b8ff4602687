"""The part of the amendment form that changes a bilaga's commitments and compensation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from iop.form_fields import RowsChoiceField
from partnerships.forms import DateInput
from partnerships.models import COMMITMENTS, COMPENSATIONS, Commitment, Compensation

ANNEX_FORM_FIELDS = (
    "new_commitment_title",
    "new_commitment_description",
    "removed_commitments",
    "changed_compensation",
    "changed_compensation_amount",
    "new_compensation_start",
    "new_compensation_end",
    "new_compensation_amount",
)


class AnnexChangesMixin(forms.Form):
    """Commitments added and removed, a compensation row's new amount and a new row: the
    values of `Amendment.changes` under COMMITMENTS and COMPENSATIONS."""

    new_commitment_title = forms.CharField(
        label=_("Nytt åtagande: rubrik"), max_length=300, required=False
    )
    new_commitment_description = forms.CharField(
        label=_("Nytt åtagande: beskrivning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    changed_compensation_amount = forms.DecimalField(
        label=_("Ersättningens nya belopp (kr)"), max_digits=14, decimal_places=2, required=False
    )
    new_compensation_start = forms.DateField(
        label=_("Ny ersättning: från"), required=False, widget=DateInput()
    )
    new_compensation_end = forms.DateField(
        label=_("Ny ersättning: till och med"), required=False, widget=DateInput()
    )
    new_compensation_amount = forms.DecimalField(
        label=_("Ny ersättning: belopp (kr)"), max_digits=14, decimal_places=2, required=False
    )

    def _annex_fields(self, partnership):
        self.fields["removed_commitments"] = RowsChoiceField(
            label=_("Åtaganden som tas bort"),
            queryset=Commitment.objects.filter(annex__partnership=partnership).select_related(
                "annex"
            ),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Gäller en bilaga: åtagandena i den bilaga som väljs ovan."),
        )
        self.fields["removed_commitments"].label_from_instance = lambda c: (
            f"{c.annex.number}.{c.order} {c}"
        )
        self.fields["changed_compensation"] = forms.ModelChoiceField(
            label=_("Ersättning som får nytt belopp"),
            queryset=Compensation.objects.filter(annex__partnership=partnership).select_related(
                "annex"
            ),
            required=False,
            help_text=_(
                "Planerade utbetalningar följer det nya beloppet enligt utbetalningsplanen; "
                "utbetalningar som redan gjorts ändras inte."
            ),
        )

    def _annex_changes(self, data):
        """The commitments added and removed, the compensation changed and added."""
        annex = data.get("annex")
        changes = {}
        title = (data.get("new_commitment_title") or "").strip()
        description = (data.get("new_commitment_description") or "").strip()
        if description and not title:
            self.add_error("new_commitment_title", _("Skriv det nya åtagandets rubrik."))
        elif title:
            changes[COMMITMENTS] = {"add": [{"title": title, "description": description}]}
        removed = data.get("removed_commitments") or []
        if removed:
            if annex and any(c.annex_id != annex.pk for c in removed):
                self.add_error("removed_commitments", _("Välj åtaganden i den valda bilagan."))
            changes.setdefault(COMMITMENTS, {})["remove"] = [c.pk for c in removed]
        compensations = {}
        row, amount = data.get("changed_compensation"), data.get("changed_compensation_amount")
        if row and amount is None:
            self.add_error("changed_compensation_amount", _("Skriv det nya beloppet."))
        elif amount is not None and not row:
            self.add_error("changed_compensation", _("Välj vilken ersättning som ändras."))
        elif row:
            if annex and row.annex_id != annex.pk:
                self.add_error("changed_compensation", _("Välj en ersättning i den valda bilagan."))
            compensations["change"] = {str(row.pk): {"amount": str(amount)}}
        new = [data.get(f"new_compensation_{n}") for n in ("start", "end", "amount")]
        if any(value is not None for value in new):
            for name, value in zip(("start", "end", "amount"), new, strict=True):
                if value is None:
                    self.add_error(f"new_compensation_{name}", _("Fyll i även det här fältet."))
            if all(value is not None for value in new):
                start, end, amount = new
                compensations["add"] = [
                    {
                        "period_start": start.isoformat(),
                        "period_end": end.isoformat(),
                        "amount": str(amount),
                    }
                ]
        if compensations:
            changes[COMPENSATIONS] = compensations
        return changes

    def _initial_annex(self):
        added, _changed, removed = self.instance.commitment_changes()
        if added:
            self.fields["new_commitment_title"].initial = added[0].get("title", "")
            self.fields["new_commitment_description"].initial = added[0].get("description", "")
        self.fields["removed_commitments"].initial = removed
        added, changed, _removed = self.instance.compensation_changes()
        if changed:
            pk, values = next(iter(changed.items()))
            self.fields["changed_compensation"].initial = pk
            self.fields["changed_compensation_amount"].initial = values.get("amount")
        if added:
            for name, key in (("start", "period_start"), ("end", "period_end"), ("amount",) * 2):
                self.fields[f"new_compensation_{name}"].initial = added[0].get(key)
