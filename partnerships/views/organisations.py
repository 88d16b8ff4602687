"""The organisations in the register."""

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from iop.views_helpers import form_data, form_page, paginate
from partnerships.forms import (
    OrganisationForm,
    OrganisationSearchForm,
)
from partnerships.models import (
    Annex,
    Organisation,
)
from partnerships.permissions import (
    administration_required,
)
from partnerships.services import organisations


@administration_required
def organisation_list(request):
    form = OrganisationSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    organisations = Organisation.objects.annotate(
        partnership_count=Count("participations", distinct=True)
    ).order_by("name", "pk")
    if query:
        organisations = organisations.search(query)
    page = paginate(request, organisations)
    return render(request, "partnerships/organisation_list.html", {"page": page, "form": form})


@administration_required
def organisation_detail(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    participations = (
        organisation.participations.select_related("partnership")
        .prefetch_related(
            Prefetch(
                "annexes",
                queryset=Annex.objects.prefetch_related("compensations").order_by("number"),
            )
        )
        .order_by("-joined_on")
    )
    return render(
        request,
        "partnerships/organisation_detail.html",
        {"organisation": organisation, "participations": participations},
    )


@administration_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    return form_page(
        request,
        OrganisationForm(form_data(request)),
        service=organisations.organisation_create,
        template="partnerships/form.html",
        context={"title": _("Ny organisation")},
        success=lambda obj: obj.get_absolute_url(),
        cancel=reverse("partnerships:organisation_list"),
        message=_("Organisationen är skapad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    return form_page(
        request,
        OrganisationForm(form_data(request), instance=organisation),
        service=lambda **kw: organisations.organisation_update(organisation, **kw),
        template="partnerships/form.html",
        context={"title": _("Ändra %(name)s") % {"name": organisation}},
        success=organisation.get_absolute_url(),
        message=_("Ändringen är sparad."),
    )
