"""Bringing an agreement in from its document: the upload, the review of what the product
read (every proposal with its passage, each changeable or left out) and the step that creates
the partnership; the uploaded document stays as the agreement's original."""

import re

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from iop.uploads import serve_file
from iop.views_helpers import form_data
from partnerships.forms_import import (
    ImportAnnexForm,
    ImportClauseForm,
    ImportGoalForm,
    ImportPartnershipForm,
    ImportPartyForm,
    ImportUploadForm,
    corrected_note,
)
from partnerships.forms_import_structure import ImportPaymentForm, ImportSignatureForm
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


def review_forms(request, agreement_import):
    """Partnerships' forms of the review, filled from the stored proposals (or from what was
    sent): {"partnership", "goals", "clauses", "parties", "annexes", "payment", "signatures"}.
    The groups' and the reporting's are governance's and reporting's (iop/pages/imports.py)."""
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
    payment = proposals.get("payment") or {}
    payment_form = ImportPaymentForm(
        data,
        prefix="payment",
        initial={"accept": bool(payment), **payment.get("value", {})},
    )
    payment_form.passage = payment.get("passage", "")
    signatures = []
    for i, block in enumerate(proposals.get("signatures", [])):
        form = ImportSignatureForm(
            data,
            prefix=f"signature-{i}",
            parties=party_choices,
            initial={
                # Kept when the document names the party and the day; a block with no date
                # (left blank to be filled in by hand) waits for the handläggare's date.
                "accept": block["party"] is not None and bool(block["signed_on"]),
                "party": block["party"],
                "signatory_name": block["name"],
                "signatory_title": block["title"],
                "place": block["place"],
                "signed_on": block["signed_on"] or None,
            },
        )
        form.passage = block.get("passage", "")
        signatures.append(form)
    return {
        "partnership": partnership,
        "goals": goals,
        "clauses": clauses,
        "parties": parties,
        "annexes": annexes,
        "payment": payment_form,
        "signatures": signatures,
    }


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


def apply_arguments(forms):
    """What `imports.agreement_import_apply` takes from the review's valid forms (of
    `review_forms`). Raises ValidationError, with the error on the form at fault, when a kept
    bilaga or signature names a party that is left out."""
    parties = forms["parties"]
    accepted_parties = [f for f in parties if f.cleaned_data["accept"]]
    index = {id(f): n for n, f in enumerate(accepted_parties)}
    payment = forms["payment"].cleaned_data
    return {
        "fields": forms["partnership"].cleaned_data,
        "goals": [f.cleaned_data["text"] for f in forms["goals"] if f.cleaned_data["accept"]],
        "clauses": [_clause(f.cleaned_data) for f in forms["clauses"] if f.cleaned_data["accept"]],
        "parties": [_party(f.cleaned_data) for f in accepted_parties],
        "annex_rows": _annex_rows(forms["annexes"], parties, index),
        "payment": (
            {"rule": payment["rule"], "dates": payment["dates"]} if payment["accept"] else None
        ),
        "signature_rows": _signature_rows(forms["signatures"], parties, index),
    }


def every_form(forms):
    """The review's forms as one list (for the error summary and the validity check)."""
    return [
        forms["partnership"],
        *forms["goals"],
        *forms["clauses"],
        *forms["parties"],
        *forms["annexes"],
        forms["payment"],
        *forms["signatures"],
    ]


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


def _signature_rows(signatures, parties, index):
    rows = []
    for form in signatures:
        data = form.cleaned_data
        if not data["accept"]:
            continue
        if id(parties[data["party"]]) not in index:
            form.add_error(
                "party", _("Parten är inte med: ta med parten eller lämna underskriften.")
            )
            raise ValidationError(_("En underskrift gäller en part som inte är med."))
        rows.append(
            {
                "party": index[id(parties[data["party"]])],
                "signatory_name": data["signatory_name"],
                "signatory_title": data["signatory_title"],
                "place": data["place"],
                "signed_on": data["signed_on"],
            }
        )
    return rows


@login_required
def import_original(request, pk):
    agreement_import = get_agreement_import_for_user(request, pk)
    return serve_file(agreement_import.file, filename=agreement_import.filename)
