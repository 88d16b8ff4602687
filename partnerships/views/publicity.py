"""Staff mark an agreement secret under OSL, wholly or in part (the Avtalstext tab links here)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from iop.views_helpers import form_data, form_page
from partnerships.forms_publicity import SecrecyForm
from partnerships.permissions import administration_required, get_partnership_for_user
from partnerships.services.publicity import partnership_set_secrecy


@administration_required
@require_http_methods(["GET", "POST"])
def partnership_secrecy(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        SecrecyForm(form_data(request), partnership=partnership),
        service=lambda **kw: partnership_set_secrecy(partnership, **kw),
        template="partnerships/secrecy_form.html",
        context={"title": _("Offentlighet och sekretess"), "partnership": partnership},
        success=reverse("partnerships:agreement_text", args=[partnership.pk]) + "#offentlighet",
        message=_("Offentligheten är sparad."),
    )
