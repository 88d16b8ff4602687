"""Change control of a signed agreement: the page an edit link of a locked term leads to, and
the rättelse of the agreement's or a bilaga's name and diarienummer."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from iop.views_helpers import form_data, form_page
from partnerships.forms import AnnexCorrectionForm, PartnershipCorrectionForm
from partnerships.permissions import (
    administration_required,
    get_annex_for_user,
    get_partnership_for_user,
)
from partnerships.services import corrections
from partnerships.tabs import section_url


def terms_locked_page(request, partnership, *, title, annex=None):
    """What an edit of a locked term shows on GET (`terms_locked` on the row): why it cannot be
    changed here, and the two ways that can (an amendment, a rättelse). A POST still goes to the
    service, which refuses it and keeps what was typed."""
    return render(
        request,
        "partnerships/terms_locked.html",
        {"title": title, "partnership": partnership, "annex": annex},
    )


@administration_required
@require_http_methods(["GET", "POST"])
def partnership_correct(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        PartnershipCorrectionForm(form_data(request), instance=partnership),
        service=lambda **kw: corrections.correction_create(target=partnership, **kw),
        template="partnerships/correction_form.html",
        context={"title": _("Rättelse av överenskommelsen"), "partnership": partnership},
        success=section_url(partnership.pk, "rattelser"),
        cancel=partnership.get_absolute_url(),
        message=_("Rättelsen är sparad och syns i historiken."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def annex_correct(request, pk):
    annex = get_annex_for_user(request, pk)
    return form_page(
        request,
        AnnexCorrectionForm(form_data(request), instance=annex),
        service=lambda **kw: corrections.correction_create(target=annex, **kw),
        template="partnerships/correction_form.html",
        context={
            "title": _("Rättelse av %(annex)s") % {"annex": annex},
            "partnership": annex.partnership,
            "annex": annex,
        },
        success=f"{annex.get_absolute_url()}#rattelser",
        cancel=annex.get_absolute_url(),
        message=_("Rättelsen är sparad och syns i historiken."),
    )
