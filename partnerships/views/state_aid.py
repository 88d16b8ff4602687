"""A partnership's state-aid basis (Ekonomi tab) and the ceilings (Statsstödsregler)."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from iop.views_helpers import form_data, form_page
from partnerships.forms_state_aid import AidBasisForm, StateAidCeilingForm
from partnerships.models import AidBasis, StateAidCeiling
from partnerships.permissions import (
    administration_required,
    get_ceiling_for_user,
    get_partnership_for_user,
)
from partnerships.services.state_aid import aid_basis_set, ceiling_set
from partnerships.views import FORM


@administration_required
@require_http_methods(["GET", "POST"])
def aid_basis_edit(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        AidBasisForm(
            form_data(request), instance=AidBasis.objects.filter(partnership=partnership).first()
        ),
        service=lambda **kw: aid_basis_set(partnership=partnership, **kw),
        template=FORM,
        context={"title": _("Statsstödsgrund"), "partnership": partnership},
        success=reverse("partnerships:section", args=[partnership.pk, "ekonomi"]) + "#statsstod",
        message=_("Statsstödsgrunden är sparad."),
    )


@administration_required
def ceiling_list(request):
    return render(
        request,
        "partnerships/state_aid_ceilings.html",
        {"ceilings": StateAidCeiling.objects.all()},
    )


@administration_required
@require_http_methods(["GET", "POST"])
def ceiling_create(request):
    return _ceiling_form(request, None, _("Nytt tak"))


@administration_required
@require_http_methods(["GET", "POST"])
def ceiling_edit(request, pk):
    return _ceiling_form(request, get_ceiling_for_user(request, pk), _("Ändra tak"))


def _ceiling_form(request, ceiling, title):
    return form_page(
        request,
        StateAidCeilingForm(form_data(request), instance=ceiling),
        service=lambda **kw: ceiling_set(ceiling=ceiling, **kw),
        template=FORM,
        context={"title": title},
        success=reverse("partnerships:state_aid_ceilings"),
        message=_("Taket är sparat."),
    )
