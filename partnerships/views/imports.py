"""Bringing an agreement in from its document: the upload, the review of what the product
read (every proposal with its passage, each changeable or left out) and the step that creates
the partnership; the uploaded document stays as the agreement's original."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from iop.uploads import serve_file
from iop.views_helpers import add_service_errors, form_data
from partnerships.forms_import import (
    ImportAnnexForm,
    ImportClauseForm,
    ImportGoalForm,
    ImportPartnershipForm,
    ImportPartyForm,
    ImportUploadForm,
    corrected_note,
)
from partnerships.importing.text import fold
from partnerships.models import Organisation
from partnerships.permissions import administration_required, get_agreement_import_for_user
from partnerships.services import imports


@administration_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement_import = imports.agreement_import_create(
                actor=request.user, document=form.cleaned_data["document"]
            )
        except ValidationError as exc:
            form.add_error("document", exc)
        else:
            return redirect("partnerships:import_review", pk=agreement_import.pk)
    return render(request, "partnerships/import_upload.html", {"form": form})


def _review_forms(request, agreement_import):
    """The review's forms, filled from the stored proposals (or from what was sent)."""
    data = form_data(request)
    proposals = agreement_import.proposals
    fields = proposals.get("fields", {})
    organisations = list(Organisation.objects.values_list("pk", "name", "org_number"))
    partnership = ImportPartnershipForm(
        data,
        prefix="p",
        initial={name: proposal["value"] for name, proposal in fields.items()},
        passages={name: proposal["passage"] for name, proposal in fields.items()},
        corrected={name: proposal.get("corrected") for name, proposal in fields.items()},
    )
    goals = [
        ImportGoalForm(data, prefix=f"goal-{i}", initial={"accept": True, "text": g["value"]})
        for i, g in enumerate(proposals.get("goals", []))
    ]
    clauses = [
        ImportClauseForm(data, prefix=f"clause-{i}", initial={"accept": True, **c})
        for i, c in enumerate(proposals.get("clauses", []))
    ]
    parties = [
        ImportPartyForm(
            data,
            prefix=f"party-{i}",
            organisations=organisations,
            initial={"accept": True, "organisation": p["organisation_id"], **p},
        )
        for i, p in enumerate(proposals.get("parties", []))
    ]
    party_choices = [(i, p["name"]) for i, p in enumerate(proposals.get("parties", []))]
    annexes = [
        ImportAnnexForm(
            data,
            prefix=f"annex-{i}",
            parties=party_choices,
            initial={**a, "party": _party_of(a, party_choices)},
        )
        for i, a in enumerate(proposals.get("annexes", []))
    ]
    for form in annexes:
        # Taken along only when it is clear whose bilaga it is; otherwise the handläggare
        # chooses the party and ticks it.
        form.initial["accept"] = form.initial["party"] is not None
    for forms, rows in (
        (goals, proposals.get("goals", [])),
        (clauses, proposals.get("clauses", [])),
        (parties, proposals.get("parties", [])),
        (annexes, proposals.get("annexes", [])),
    ):
        for form, row in zip(forms, rows, strict=True):
            form.passage = row.get("passage", "")
            form.corrected = corrected_note(row["corrected"]) if row.get("corrected") else ""
    return partnership, goals, clauses, parties, annexes


def _party_of(annex, party_choices):
    """The party a bilaga's title names ("Bilaga Rädda Barnen", "Bilaga Stockholms stads
    socialnämnd"): the one with most words of its name in the title, read by their first six
    letters to get past OCR's misreadings and Swedish endings."""
    title = fold(annex["title"])
    best, best_score = None, 0
    for index, name in party_choices:
        words = [w[:6] for w in re.findall(r"[a-z]{5,}", fold(name))]
        score = sum(1 for word in words if word in title)
        if score > best_score:
            best, best_score = index, score
    return best


@administration_required
@require_http_methods(["GET", "POST"])
def import_review(request, pk):
    agreement_import = get_agreement_import_for_user(request, pk)
    if agreement_import.partnership_id:
        return render(
            request, "partnerships/import_done.html", {"agreement_import": agreement_import}
        )
    partnership, goals, clauses, parties, annexes = _review_forms(request, agreement_import)
    every = [partnership, *goals, *clauses, *parties, *annexes]
    if request.method == "POST" and all([form.is_valid() for form in every]):
        accepted_parties = [f for f in parties if f.cleaned_data["accept"]]
        index = {id(f): n for n, f in enumerate(accepted_parties)}
        try:
            created = imports.agreement_import_apply(
                agreement_import,
                actor=request.user,
                fields=partnership.cleaned_data,
                goals=[f.cleaned_data["text"] for f in goals if f.cleaned_data["accept"]],
                clauses=[_clause(f.cleaned_data) for f in clauses if f.cleaned_data["accept"]],
                parties=[_party(f.cleaned_data) for f in accepted_parties],
                annex_rows=_annex_rows(annexes, parties, index),
            )
        except ValidationError as exc:
            add_service_errors(partnership, exc)
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
            "partnership_form": partnership,
            "goal_forms": goals,
            "clause_forms": clauses,
            "party_forms": parties,
            "annex_forms": annexes,
            "corrections": agreement_import.proposals.get("corrections", []),
            "forms": every,
            "refused": request.method == "POST",
            "cancel_url": reverse("partnerships:list"),
        },
    )


def _clause(data):
    return {key: data[key] for key in ("number", "heading", "holds", "body")}


def _party(data):
    return {key: data[key] for key in ("organisation", "name", "org_number", "kind", "unit")}


def _annex_rows(annexes, parties, index):
    rows = []
    for form in annexes:
        data = form.cleaned_data
        if not data["accept"]:
            continue
        party = parties[data["party"]]
        if id(party) not in index:
            form.add_error("party", _("Parten är inte med: ta med parten eller lämna bilagan."))
            raise ValidationError(_("En bilaga gäller en part som inte är med."))
        rows.append(
            {
                "number": data["number"] or 1,
                "title": data["title"],
                "registration_number": data["registration_number"],
                "party": index[id(party)],
            }
        )
    return rows


@login_required
def import_original(request, pk):
    agreement_import = get_agreement_import_for_user(request, pk)
    return serve_file(agreement_import.file, filename=agreement_import.filename)
