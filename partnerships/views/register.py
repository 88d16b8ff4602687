"""The register: the partnership list and a partnership's agreement text, goals, clauses and
parties. Thin: forms in, services out."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from iop.prepared import Param, PreparedQuery, url_for_each
from iop.views_helpers import form_data, form_page
from partnerships.forms import (
    ClauseForm,
    DeleteForm,
    GoalForm,
    ParticipationForm,
    PartnershipForm,
)
from partnerships.models import (
    AgreementImport,
    Clause,
    Correction,
    Goal,
    Participation,
)
from partnerships.permissions import (
    administration_required,
    get_partnership_for_user,
    is_administration,
)
from partnerships.services import agreements
from partnerships.tabs import render_tab, section_url
from partnerships.views.corrections import terms_locked_page


@login_required
def home(request):
    """Staff land on Att göra (iop/pages/todo.py); NGO representatives on their portal."""
    if is_administration(request.user):
        return redirect("todo")
    return redirect("portal:home")


# --- The register ------------------------------------------------------------------------


def parties_prefetch():
    """The partnership's parties with their organisations, the city's first."""
    return Prefetch(
        "participations",
        queryset=Participation.objects.select_related("organisation").order_by(
            "-organisation__kind", "organisation__name"
        ),
    )


# The agreement text's goals and clauses, compiled once (iop/prepared.py).
_GOALS = PreparedQuery(
    lambda: Goal.objects.filter(partnership_id=Param("partnership")).order_by("order", "pk")
)
_CLAUSES = PreparedQuery(
    lambda: Clause.objects.filter(partnership_id=Param("partnership")).order_by("order", "pk")
)


@administration_required
def partnership_agreement_text(request, pk):
    partnership = get_partnership_for_user(request, pk)
    goals = _GOALS.list(partnership=partnership.pk)
    clauses = _CLAUSES.list(partnership=partnership.pk)
    # Each goal's and clause's links, each kind reversed once.
    for rows, edit, delete in (
        (goals, "partnerships:goal_edit", "partnerships:goal_delete"),
        (clauses, "partnerships:clause_edit", "partnerships:clause_delete"),
    ):
        edit_url, delete_url = url_for_each(edit), url_for_each(delete)
        for row in rows:
            row.edit_url, row.delete_url = edit_url(row.pk), delete_url(row.pk)
    return render_tab(
        request,
        partnership,
        "avtalstext",
        "partnerships/partnership_text.html",
        {
            "goals": goals,
            "clauses": clauses,
            "corrections": Correction.objects.of_partnership(partnership),
            # The document the agreement was imported from, kept as its original.
            "agreement_import": AgreementImport.objects.filter(partnership=partnership)
            .only("pk", "filename")
            .prefetch_related("attachments")
            .first(),
            # Staff may add the bilagor's files and the tjänsteutlåtande afterwards too.
            "is_staff": is_administration(request.user),
        },
    )


@administration_required
@require_http_methods(["GET", "POST"])
def partnership_create(request):
    return form_page(
        request,
        PartnershipForm(form_data(request)),
        service=agreements.partnership_create,
        template="partnerships/form.html",
        context={"title": _("Nytt partnerskap")},
        success=lambda obj: obj.get_absolute_url(),
        cancel=reverse("partnerships:list"),
        message=_("Partnerskapet är skapat."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request, pk):
    partnership = get_partnership_for_user(request, pk)
    if request.method == "GET" and partnership.terms_locked:
        return terms_locked_page(request, partnership, title=_("Ändra partnerskapet"))
    return form_page(
        request,
        PartnershipForm(form_data(request), instance=partnership),
        service=lambda **kw: agreements.partnership_update(partnership, **kw),
        template="partnerships/form.html",
        context={"title": _("Ändra partnerskapet"), "partnership": partnership},
        success=partnership.get_absolute_url(),
        message=_("Ändringen är sparad."),
    )


# --- Goals and clauses -------------------------------------------------------------------


@administration_required
@require_http_methods(["GET", "POST"])
def goal_create(request, pk):
    partnership = get_partnership_for_user(request, pk)
    if request.method == "GET" and partnership.terms_locked:
        return terms_locked_page(request, partnership, title=_("Nytt mål"))
    return form_page(
        request,
        GoalForm(form_data(request), initial={"order": partnership.goals.count() + 1}),
        service=lambda **kw: agreements.goal_create(partnership=partnership, **kw),
        template="partnerships/form.html",
        context={"title": _("Nytt mål"), "partnership": partnership},
        success=section_url(partnership.pk, "mal"),
        message=_("Målet är tillagt."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk):
    goal = get_object_or_404(Goal.objects.select_related("partnership"), pk=pk)
    partnership = get_partnership_for_user(request, goal.partnership_id)
    if request.method == "GET" and partnership.terms_locked:
        return terms_locked_page(request, partnership, title=_("Ändra mål"))
    return form_page(
        request,
        GoalForm(form_data(request), instance=goal),
        service=lambda **kw: agreements.goal_update(goal, **kw),
        template="partnerships/form.html",
        context={"title": _("Ändra mål"), "partnership": partnership},
        success=section_url(partnership.pk, "mal"),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def goal_delete(request, pk):
    goal = get_object_or_404(Goal.objects.select_related("partnership"), pk=pk)
    partnership = get_partnership_for_user(request, goal.partnership_id)
    if request.method == "GET" and partnership.terms_locked:
        return terms_locked_page(request, partnership, title=_("Ta bort mål"))
    return form_page(
        request,
        DeleteForm(form_data(request)),
        service=lambda **kw: agreements.goal_delete(goal, **kw) or partnership,
        template="partnerships/confirm_delete.html",
        context={"object": goal, "partnership": partnership},
        success=section_url(partnership.pk, "mal"),
        message=_("Målet är borttaget."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def clause_create(request, pk):
    partnership = get_partnership_for_user(request, pk)
    if request.method == "GET" and partnership.terms_locked:
        return terms_locked_page(request, partnership, title=_("Nytt avsnitt"))
    return form_page(
        request,
        ClauseForm(form_data(request), initial={"order": partnership.clauses.count() + 1}),
        service=lambda **kw: agreements.clause_create(partnership=partnership, **kw),
        template="partnerships/form.html",
        context={"title": _("Nytt avsnitt"), "partnership": partnership},
        success=section_url(partnership.pk, "avtalstext"),
        message=_("Avsnittet är tillagt."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def clause_edit(request, pk):
    clause = get_object_or_404(Clause.objects.select_related("partnership"), pk=pk)
    partnership = get_partnership_for_user(request, clause.partnership_id)
    if request.method == "GET" and partnership.terms_locked:
        return terms_locked_page(request, partnership, title=_("Ändra avsnitt"))
    return form_page(
        request,
        ClauseForm(form_data(request), instance=clause),
        service=lambda **kw: agreements.clause_update(clause, **kw),
        template="partnerships/form.html",
        context={"title": _("Ändra avsnitt"), "partnership": partnership},
        success=section_url(partnership.pk, "avtalstext"),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def clause_delete(request, pk):
    clause = get_object_or_404(Clause.objects.select_related("partnership"), pk=pk)
    partnership = get_partnership_for_user(request, clause.partnership_id)
    if request.method == "GET" and partnership.terms_locked:
        return terms_locked_page(request, partnership, title=_("Ta bort avsnitt"))
    return form_page(
        request,
        DeleteForm(form_data(request)),
        service=lambda **kw: agreements.clause_delete(clause, **kw) or partnership,
        template="partnerships/confirm_delete.html",
        context={"object": clause, "partnership": partnership},
        success=section_url(partnership.pk, "avtalstext"),
        message=_("Avsnittet är borttaget."),
    )


# --- Parties -----------------------------------------------------------------------------


@administration_required
@require_http_methods(["GET", "POST"])
def participation_create(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        ParticipationForm(
            form_data(request),
            partnership=partnership,
            initial={"joined_on": partnership.start_date},
        ),
        service=lambda **kw: agreements.participation_create(partnership=partnership, **kw),
        template="partnerships/form.html",
        context={"title": _("Ny part"), "partnership": partnership},
        success=section_url(partnership.pk, "parter"),
        message=_("Parten är tillagd."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def participation_edit(request, pk):
    participation = get_object_or_404(
        Participation.objects.select_related("partnership", "organisation"), pk=pk
    )
    partnership = get_partnership_for_user(request, participation.partnership_id)
    return form_page(
        request,
        ParticipationForm(form_data(request), instance=participation, partnership=partnership),
        service=lambda **kw: agreements.participation_update(participation, **kw),
        template="partnerships/form.html",
        context={
            "title": _("Ändra part: %(name)s") % {"name": participation.organisation},
            "partnership": partnership,
        },
        success=section_url(partnership.pk, "parter"),
        message=_("Ändringen är sparad."),
    )
