"""The register: the partnership list and a partnership's agreement text, goals, clauses and
parties. Thin: forms in, services out."""

from collections import defaultdict, namedtuple
from html import escape

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from iop.prepared import InParam, Param, PreparedQuery, url_for_each
from iop.table_html import cell_labels
from iop.views_helpers import form_data, form_page, paginate
from partnerships import period_rules
from partnerships.current_ends import set_current_ends
from partnerships.forms import (
    ClauseForm,
    DeleteForm,
    GoalForm,
    ParticipationForm,
    PartnershipFilterForm,
    PartnershipForm,
)
from partnerships.models import (
    AgreementImport,
    Clause,
    Correction,
    Goal,
    Organisation,
    Participation,
    Partnership,
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
    """Staff land on the register; NGO representatives on their portal."""
    if is_administration(request.user):
        return redirect("partnerships:list")
    return redirect("portal:home")


# --- The register ------------------------------------------------------------------------


@administration_required
def partnership_list(request):
    form = PartnershipFilterForm(request.GET or None)
    partnerships = Partnership.objects.all()
    if form.is_bound:
        # A refused value (a year of 20245, a status nobody offered) is named next to its field
        # and left out; the filters that are valid still apply.
        form.is_valid()
        partnerships = form.filter(partnerships)
    partnerships = partnerships.only(
        "pk",
        "title",
        "registration_number",
        "status",
        "start_date",
        "end_date",
        *period_rules.RULE_FIELDS,
    ).order_by("-start_date", "title", "pk")
    page = paginate(request, partnerships)
    today = timezone.localdate()
    # The end date as the partnership page shows it, not the stored one (one query for the page).
    listed = set_current_ends(page.object_list, on=today)
    page.object_list = _register_rows(listed, today)
    return render(
        request,
        "partnerships/partnership_list.html",
        {"form": form, "page": page, "total": page.paginator.count},
    )


class RegisterRow(
    namedtuple("RegisterRow", "url title registration_number status start end parties labels")
):
    """A row of the register; `html` is its table row, written here rather than in the
    template: 25 rows of template lookups were a good part of the page's time. `labels`: the
    columns' headers for the cells (iop.table_html.cell_labels), the same list for every row."""

    __slots__ = ()

    @property
    def html(self):
        status = escape(self.status)
        number_at, status_at, period_at, parties_at = self.labels
        return mark_safe(
            f'<tr><td><a href="{escape(self.url)}">{escape(self.title)}</a></td>'
            f"<td{number_at}>{escape(self.registration_number)}</td>"
            f'<td{status_at}><span class="status status-{status}">'
            f"{escape(self.status.label)}</span></td>"
            f'<td class="nowrap"{period_at}>{self.start} – {self.end}</td>'
            f"<td{parties_at}>{self.parties}</td></tr>"
        )


# The NGO parties of the partnerships "partnerships", by name (compiled once per process).
_NGO_PARTIES = PreparedQuery(
    lambda: (
        Participation.objects.filter(InParam("partnership_id", "partnerships"))
        .exclude(organisation__kind=Organisation.Kind.PUBLIC)
        .order_by("organisation__name", "pk")
        .values_list("partnership_id", "organisation__name", "left_on")
    )
)


def _register_rows(partnerships, today):
    """What the register shows of each partnership, read and worked out before the template.
    Its NGO parties come from one query of plain values and are written as one string of HTML
    per row: as model instances with their organisations, and through a template loop, the
    150 parties of a page took longer than the rest of the page."""
    parties = defaultdict(list)
    ended = (Partnership.Status.ENDED, Partnership.Status.RESCINDED)
    statuses = {p.pk: p.status_on(today) for p in partnerships}
    left = escape(_("utträdd"))
    leaving = escape(_("utträder"))
    for partnership_id, name, left_on in _NGO_PARTIES.rows(partnerships=list(statuses)):
        # Participation.has_left, with the status already worked out for the list.
        name = escape(name)
        if (left_on is not None and left_on < today) or statuses[partnership_id] in ended:
            name = f'{name} <span class="muted">({left})</span>'
        elif left_on is not None:
            name = f'{name} <span class="muted">({leaving} {left_on.isoformat()})</span>'
        parties[partnership_id].append(name)
    # Partnership.get_absolute_url, reversed once for the page rather than once a row.
    url = reverse("partnerships:detail", args=[0]).removesuffix("/0/") + "/{}/"
    labels = cell_labels(_("Diarienummer"), _("Status"), _("Period"), _("Parter"))
    return [
        RegisterRow(
            url=url.format(p.pk),
            title=p.title,
            registration_number=p.registration_number_shown,
            status=statuses[p.pk],
            start=p.start_date.isoformat(),
            end=p.current_end.isoformat(),
            parties=mark_safe(", ".join(parties[p.pk])),
            labels=labels,
        )
        for p in partnerships
    ]


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
            .first(),
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
