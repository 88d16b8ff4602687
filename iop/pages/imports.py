"""The review of an agreement brought in from its document, and the one step that creates it.

The page composes three apps: partnerships' proposals (the partnership, its parties, texts,
bilagor, payment schedule and signatures), governance's groups (the steering and cooperation
groups the agreement describes) and reporting's periods (the reports it asks of the NGOs).
Every proposal shows the passage it came from and is kept only when "Ta med" is ticked. The
step runs every app's own services in one transaction with the history reason "importerad från
<filnamn>": either everything accepted is created, or nothing is.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from governance.forms_import import ImportGroupForm
from governance.importing import groups_create
from iop.views_helpers import add_service_errors, form_data
from partnerships.period_rules import RULE_FIELDS
from partnerships.permissions import administration_required, get_agreement_import_for_user
from partnerships.services import imports
from partnerships.views.imports import apply_arguments, every_form, review_forms
from reporting.forms_import import ImportReportingForm
from reporting.services.periods import periods_generate

# The partnership's fields in the sections of the partnership page: its overview, its period
# (Livscykel); the rest is the agreement's text (Avtalstext).
OVERVIEW_FIELDS = ("title", "registration_number", "status")
PERIOD_FIELDS = (
    "start_date",
    "end_date",
    *RULE_FIELDS,
    "party_notice_months",
    "termination_notice_months",
    "agreement_year_day",
    "agreement_year_month",
    "year_basis",
)

# What a group's proposal notes beyond its fields: to whom and when it reports, how a new
# party comes in. The handläggare reads them in the group's notes.
_NOTED = ("report_schedule", "new_party")


def _group_forms(request, agreement_import):
    data = form_data(request)
    forms = []
    for i, group in enumerate(agreement_import.proposals.get("groups", [])):
        found = group["fields"]
        initial = {
            name: proposal["value"]
            for name, proposal in found.items()
            if name not in _NOTED and name != "reports_to"
        }
        notes = [found[name]["value"] for name in _NOTED if name in found]
        form = ImportGroupForm(
            data,
            prefix=f"group-{i}",
            passages={name: proposal["passage"] for name, proposal in found.items()},
            initial={
                "accept": True,
                "kind": group["kind"],
                "name": group["name"],
                "notes": "\n\n".join(notes),
                "reports_to_steering": "reports_to" in found,
                **initial,
            },
        )
        form.passage = group.get("passage", "")
        forms.append(form)
    return forms


def _reporting_form(request, agreement_import):
    reporting = agreement_import.proposals.get("reporting") or {}
    return ImportReportingForm(
        form_data(request),
        prefix="reporting",
        passage=reporting.get("passage", ""),
        initial={"accept": bool(reporting), **reporting.get("value", {})},
    )


@transaction.atomic
def _create(agreement_import, *, actor, forms, groups, reporting):
    """The one step: the partnership with everything of partnerships' accepted, then the
    groups and the reporting periods, all or nothing."""
    reason = str(agreement_import.reason)
    partnership = imports.agreement_import_apply(
        agreement_import, actor=actor, **apply_arguments(forms)
    )
    groups_create(
        partnership=partnership,
        rows=[form.group_fields() for form in groups if form.cleaned_data["accept"]],
        actor=actor,
        reason=reason,
    )
    if reporting.cleaned_data["accept"]:
        periods_generate(
            partnership=partnership,
            rule=reporting.cleaned_data["rule"],
            due_days=reporting.cleaned_data["due_days"],
            actor=actor,
            reason=reason,
        )
    return partnership


@administration_required
@require_http_methods(["GET", "POST"])
def import_review(request, pk):
    agreement_import = get_agreement_import_for_user(request, pk)
    if agreement_import.partnership_id:
        return render(
            request, "partnerships/import_done.html", {"agreement_import": agreement_import}
        )
    forms = review_forms(request, agreement_import)
    groups = _group_forms(request, agreement_import)
    reporting = _reporting_form(request, agreement_import)
    every = [*every_form(forms), *groups, reporting]
    if request.method == "POST" and all([form.is_valid() for form in every]):
        try:
            created = _create(
                agreement_import,
                actor=request.user,
                forms=forms,
                groups=groups,
                reporting=reporting,
            )
        except ValidationError as exc:
            add_service_errors(forms["partnership"], exc)
        else:
            messages.success(
                request, _("Partnerskapet är skapat från %(name)s.") % {"name": agreement_import}
            )
            # An agreement already running is registered as it stands on today's date next.
            if created.start_date <= timezone.localdate():
                return redirect("partnerships:catch_up", pk=created.pk)
            return redirect(created.get_absolute_url())
    return render(
        request,
        "partnerships/import_review.html",
        {
            "agreement_import": agreement_import,
            "partnership_form": forms["partnership"],
            "overview_fields": OVERVIEW_FIELDS,
            "period_fields": PERIOD_FIELDS,
            "text_fields": [
                name
                for name in forms["partnership"].fields
                if name not in OVERVIEW_FIELDS and name not in PERIOD_FIELDS
            ],
            "goal_forms": forms["goals"],
            "clause_forms": forms["clauses"],
            "party_forms": forms["parties"],
            "annex_forms": forms["annexes"],
            "payment_form": forms["payment"],
            "signature_forms": forms["signatures"],
            "group_forms": groups,
            "reporting_form": reporting,
            "corrections": agreement_import.proposals.get("corrections", []),
            "forms": every,
            "refused": request.method == "POST",
            "cancel_url": reverse("partnerships:list"),
        },
    )
