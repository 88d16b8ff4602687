"""The files that came with an imported agreement: a bilaga's file or the committee's
tjänsteutlåtande, added from the review (or later, from the agreement's text page) and
downloaded by whoever may see the agreement's original."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from iop.uploads import serve_file
from partnerships.models import ImportAttachment
from partnerships.permissions import (
    administration_required,
    get_agreement_import_for_user,
    get_import_attachment_for_user,
)
from partnerships.services import imports


class ImportAttachmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Vad är filen?"), choices=ImportAttachment.Kind.choices
    )
    annex_number = forms.IntegerField(
        label=gettext_lazy("Bilagans nummer"),
        min_value=1,
        max_value=99,
        required=False,
        help_text=gettext_lazy("Numret bilagan har i avtalets lista över bilagor."),
        error_messages={
            "min_value": gettext_lazy("Ange ett nummer från 1 till 99."),
            "max_value": gettext_lazy("Ange ett nummer från 1 till 99."),
            "invalid": gettext_lazy("Ange bilagans nummer med siffror."),
        },
    )
    document = forms.FileField(
        label=gettext_lazy("Fil"),
        help_text=gettext_lazy("PDF eller Word (docx)."),
        error_messages={"required": gettext_lazy("Välj filen.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == ImportAttachment.Kind.ANNEX and not data.get("annex_number"):
            self.add_error("annex_number", _("Ange vilken bilaga filen är."))
        return data


@administration_required
@require_http_methods(["GET", "POST"])
def import_attachment_add(request, pk):
    agreement_import = get_agreement_import_for_user(request, pk)
    form = ImportAttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            attachment = imports.import_attachment_add(
                agreement_import,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                annex_number=form.cleaned_data["annex_number"],
                document=form.cleaned_data["document"],
            )
        except ValidationError as exc:
            form.add_error("document", exc)
        else:
            messages.success(request, _("%(file)s är sparad.") % {"file": attachment})
            return redirect(_back(agreement_import))
    return render(
        request,
        "partnerships/import_attachment.html",
        {"agreement_import": agreement_import, "form": form, "cancel_url": _back(agreement_import)},
    )


def _back(agreement_import):
    """The review until the partnership is made; then the agreement's text, where its files are."""
    if agreement_import.partnership_id:
        return reverse("partnerships:agreement_text", args=[agreement_import.partnership_id])
    return reverse("partnerships:import_review", args=[agreement_import.pk])


@login_required
def import_attachment_download(request, pk):
    attachment = get_import_attachment_for_user(request, pk)
    return serve_file(attachment.file, filename=attachment.filename)
