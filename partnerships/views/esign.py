"""Signing in the app (the agreement or an amendment, each party's signatory after a strong
sign-in), the signed and sealed PDF, and the verify page (staff and the parties)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from iop import assurance
from iop.pdf import render_pdf
from iop.uploads import serve_file
from partnerships.agreement_pdf import agreement_changed_at, agreement_context
from partnerships.models import Amendment, Participation, SignedDocument
from partnerships.permissions import get_partnership_for_user, get_signed_document_for_user
from partnerships.sealing import verify_pdf
from partnerships.services import esign
from partnerships.views.amendments import _change_rows


class SignForm(forms.Form):
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    place = forms.CharField(label=_lazy("Ort"), max_length=100, required=False)
    confirm = forms.BooleanField(
        label=_lazy("Jag har läst handlingen och undertecknar den för min part."),
        error_messages={"required": _lazy("Bekräfta att du har läst handlingen.")},
    )


class VerifyUploadForm(forms.Form):
    file = forms.FileField(
        label=_lazy("PDF att kontrollera"),
        error_messages={"required": _lazy("Välj en PDF-fil att kontrollera.")},
    )


def _render(partnership, amendment):
    """The PDF that is signed: the agreement without the bilagor (each party signs its own
    bilaga, which the others may not see), or the amendment with what it changes."""
    if amendment is None:
        context = agreement_context(partnership)
        context["hidden_annexes"], context["annexes"] = len(context["annexes"]), []
        return render_pdf("partnerships/pdf/agreement.html", context)
    return render_pdf(
        "partnerships/pdf/amendment.html",
        {
            "amendment": amendment,
            "partnership": partnership,
            "change_rows": _change_rows(amendment),
            "parties": Participation.objects.current()
            .filter(partnership=partnership)
            .select_related("organisation")
            .order_by("-organisation__kind", "organisation__name"),
        },
    )


def _sign_page(request, partnership, amendment=None):
    refusal = esign.signing_refusal(partnership, amendment)
    document = None
    if not refusal:
        document = esign.signed_document_freeze(
            partnership=partnership,
            amendment=amendment,
            render=lambda: _render(partnership, amendment),
            actor=request.user,
            changed_at=None if amendment else agreement_changed_at(partnership),
        )
    else:
        document = SignedDocument.objects.filter(
            partnership=partnership, amendment=amendment
        ).first()
    party = esign.signing_party(request.user, partnership)
    signatures = (
        list(esign.signatures_of(document).select_related("participation__organisation"))
        if document
        else []
    )
    signed_by_me = party is not None and any(s.participation_id == party.pk for s in signatures)
    strong = assurance.of(request)
    form = SignForm(request.POST or None, initial={"sha256": document and document.sha256})
    if request.method == "POST" and document is not None and form.is_valid():
        try:
            esign.esign_create(
                document=document,
                user=request.user,
                assurance=strong,
                shown_sha256=form.cleaned_data["sha256"],
                place=form.cleaned_data["place"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Du har undertecknat för %(party)s.") % {"party": party})
            return redirect(request.path)
    return render(
        request,
        "partnerships/esign_sign.html",
        {
            "partnership": partnership,
            "amendment": amendment,
            "document": document,
            "refusal": refusal,
            "party": party,
            "signatures": signatures,
            "signed_by_me": signed_by_me,
            "assurance": strong,
            "form": form,
            "strong_login_url": f"{reverse('mfa:verify')}?next={request.path}",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_sign(request, pk):
    """Staff, and representatives of the partnership's parties."""
    return _sign_page(request, get_partnership_for_user(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def amendment_sign(request, pk):
    """Every party signs every amendment, so every party's representatives see it here."""
    amendment = get_object_or_404(Amendment.objects.select_related("annex", "commitment"), pk=pk)
    partnership = get_partnership_for_user(request, amendment.partnership_id)
    amendment.partnership = partnership
    return _sign_page(request, partnership, amendment)


@login_required
def signed_pdf(request, pk):
    """The sealed file once every party has signed; until then the PDF being signed."""
    document = get_signed_document_for_user(request, pk)
    return serve_file(document.sealed_pdf or document.pdf, filename=document.download_name)


@login_required
def signed_verify(request, pk):
    """The sealed PDF's seal checked against the configured trust root."""
    document = get_signed_document_for_user(request, pk)
    result = None
    if document.sealed_pdf:
        with document.sealed_pdf.open("rb") as handle:
            result = verify_pdf(handle.read())
    return render(
        request,
        "partnerships/esign_verify.html",
        {
            "document": document,
            "partnership": document.partnership,
            "result": result,
            "form": VerifyUploadForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify_upload(request):
    """Check a sealed PDF someone sent you."""
    form = VerifyUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = verify_pdf(form.cleaned_data["file"].read())
    return render(
        request,
        "partnerships/esign_verify.html",
        {"document": None, "result": result, "form": form},
    )
