"""An agreement registered as it stands on a day: what the agreement says has already happened
(payments made, meetings held, activity reports and financial statements received) recorded in
one step each, with one reason each in the history.

The page composes the apps' own services (partnerships' payments, governance's meetings,
reporting's reports and statements), in one transaction: either everything asked for is recorded, or nothing
is. Each service goes through the rows' lifecycle step and keeps the stored deadlines in step,
so Kommande stops showing those items as overdue.
"""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from governance.services.meetings import meetings_mark_held_through
from iop.views_helpers import form_data, form_page
from partnerships.forms import DateInput
from partnerships.permissions import administration_required, get_partnership_for_user
from partnerships.services.money import payments_mark_paid_through
from partnerships.tabs import section_url
from reporting.services.catch_up import (
    reports_mark_received_through,
    statements_mark_received_through,
)


class CatchUpForm(forms.Form):
    through = forms.DateField(
        label=gettext_lazy("Läget per datum"),
        help_text=gettext_lazy(
            "Det som enligt avtalet skulle ha skett till och med detta datum registreras som "
            "gjort. Skriv datumet som ÅÅÅÅ-MM-DD."
        ),
        widget=DateInput(),
        error_messages={
            "required": gettext_lazy("Ange datumet som läget gäller."),
            "invalid": gettext_lazy("Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2024-03-31."),
        },
    )
    payments = forms.BooleanField(
        label=gettext_lazy("Markera planerade utbetalningar t.o.m. datumet som utbetalda"),
        required=False,
        initial=True,
    )
    meetings = forms.BooleanField(
        label=gettext_lazy("Markera planerade möten t.o.m. datumet som genomförda"),
        required=False,
        initial=True,
    )
    reports = forms.BooleanField(
        label=gettext_lazy(
            "Markera verksamhetsrapporter för perioder med sista dag t.o.m. datumet som "
            "mottagna och godkända"
        ),
        required=False,
        initial=True,
    )
    statements = forms.BooleanField(
        label=gettext_lazy(
            "Markera bilagornas ekonomiska redovisningar för år som slutat t.o.m. datumet som "
            "mottagna och godkända"
        ),
        required=False,
        initial=True,
    )
    reason = forms.CharField(
        label=gettext_lazy("Kommentar (valfri)"),
        max_length=400,
        required=False,
        help_text=gettext_lazy(
            "Sparas i historiken efter ”Registrerat i efterhand …”, t.ex. var uppgifterna "
            "kommer ifrån."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_through(self):
        through = self.cleaned_data["through"]
        if through > timezone.localdate():
            raise forms.ValidationError(
                _("Datumet kan inte ligga efter i dag: bara det som redan har skett registreras.")
            )
        return through

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("payments", "meetings", "reports", "statements")):
            raise forms.ValidationError(_("Välj vad som ska registreras."))
        return cleaned


@transaction.atomic
def partnership_register_as_it_stands(
    *, partnership, through, payments, meetings, reports, statements, actor, reason
):
    """What was recorded: {"payments": [...], "meetings": [...], "reports": [...],
    "statements": [...]}."""
    done = {"payments": [], "meetings": [], "reports": [], "statements": []}
    if payments:
        done["payments"] = payments_mark_paid_through(
            partnership=partnership, through=through, actor=actor, note=reason
        )
    if meetings:
        done["meetings"] = meetings_mark_held_through(
            partnership=partnership, through=through, actor=actor, note=reason
        )
    if reports:
        done["reports"] = reports_mark_received_through(
            partnership=partnership, through=through, actor=actor, note=reason
        )
    if statements:
        done["statements"] = statements_mark_received_through(
            partnership=partnership, through=through, actor=actor, note=reason
        )
    return done


def _message(done):
    return _(
        "Registrerat: %(payments)s utbetalningar markerade som utbetalda, %(meetings)s möten som "
        "genomförda, %(reports)s rapporter och %(statements)s ekonomiska redovisningar som "
        "mottagna och godkända."
    ) % {key: len(rows) for key, rows in done.items()}


@administration_required
@require_http_methods(["GET", "POST"])
def partnership_catch_up(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        CatchUpForm(form_data(request), initial={"through": timezone.localdate()}),
        service=lambda **kw: partnership_register_as_it_stands(partnership=partnership, **kw),
        template="iop/catch_up.html",
        context={"title": _("Registrera läget per datum"), "partnership": partnership},
        success=section_url(partnership.pk, "ekonomi"),
        message=_message,
    )
