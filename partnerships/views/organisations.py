"""The organisations in the register."""

from django.db.models import Count, Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from iop.tables import Column, Table
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

ORGANISATION_TABLE = Table(
    name="organisationer",
    title=gettext_lazy("Organisationer"),
    columns=(
        Column("namn", gettext_lazy("Namn"), lambda o: o.name, ("name",)),
        Column("typ", gettext_lazy("Typ"), lambda o: o.get_kind_display(), ("kind",)),
        Column(
            "organisationsnummer",
            gettext_lazy("Organisationsnummer"),
            lambda o: o.org_number,
            ("org_number",),
        ),
        Column(
            "partnerskap",
            gettext_lazy("Partnerskap"),
            lambda o: o.partnership_count,
            ("partnership_count",),
            css="num",
        ),
    ),
    tiebreak=("name", "pk"),
    default="namn",
)


@administration_required
def organisation_list(request):
    form = OrganisationSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    organisations = Organisation.objects.annotate(
        partnership_count=Count("participations", distinct=True)
    ).order_by("name", "pk")
    if query:
        organisations = organisations.search(query)
    organisations = ORGANISATION_TABLE.order(request, organisations)
    if fmt := ORGANISATION_TABLE.export_format(request):
        return ORGANISATION_TABLE.export(fmt, organisations.iterator())
    page = paginate(request, organisations)
    return render(
        request,
        "partnerships/organisation_list.html",
        {"page": page, "form": form, "table": ORGANISATION_TABLE.context(request)},
    )


SUGGESTIONS = 20


def suggest_organisations(bound_field):
    """Make a filter's organisation field offer party names as it is typed (static/js/
    org-search.js asks `organisation_suggestions`); the typed text is what the server filters
    by, so the field works without the script."""
    bound_field.field.widget.attrs.update(
        {
            "data-suggest": reverse("partnerships:organisation_suggestions"),
            "autocomplete": "off",
        }
    )


@administration_required
def organisation_suggestions(request):
    """At most `SUGGESTIONS` party organisations whose name or organisationsnummer holds `q`
    (two characters at least), as JSON: what a filter's organisation field suggests."""
    text = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    if len(text) < 2:
        return JsonResponse({"results": []})
    found = (
        Organisation.objects.filter(participations__isnull=False)
        .search(text)
        .order_by("name", "org_number")
        .values_list("name", "org_number")
        .distinct()[:SUGGESTIONS]
    )
    return JsonResponse({"results": [{"name": n, "org_number": o} for n, o in found]})


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
