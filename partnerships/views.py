import html

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from iop.views_helpers import form_data, form_page, paginate
from partnerships import period_rules
from partnerships.current_ends import set_current_ends
from partnerships.forms import (
    AnnexForm,
    ClauseForm,
    CommitmentForm,
    CompensationForm,
    DeleteForm,
    GoalForm,
    OrganisationForm,
    OrganisationSearchForm,
    ParticipationForm,
    PartnershipFilterForm,
    PartnershipForm,
)
from partnerships.models import (
    Annex,
    Clause,
    Commitment,
    Compensation,
    Goal,
    Organisation,
    Participation,
    Partnership,
)
from partnerships.permissions import (
    administration_required,
    get_annex_for_user,
    get_commitment_for_user,
    get_compensation_for_user,
    get_partnership_for_user,
    is_administration,
)
from partnerships.services import agreements, annexes, organisations
from partnerships.tabs import render_tab, section_url


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
    partnerships = (
        partnerships.only(
            "pk",
            "title",
            "registration_number",
            "status",
            "start_date",
            "end_date",
            *period_rules.RULE_FIELDS,
        )
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            )
        )
        .order_by("-start_date", "title", "pk")
    )
    page = paginate(request, partnerships)
    # The end date as the partnership page shows it, not the stored one (one query for the page).
    page.object_list = set_current_ends(page.object_list)
    # The filter lists every party organisation. At 10× Stockholm's size that is 1,500 options;
    # through a template loop (or the select widget's per-option templates) they cost about 100 ms,
    # through format_html about 8 ms, joined with the standard library's escape under 1 ms.
    selected = str(form["organisation"].value() or "")
    organisation_options = mark_safe(
        "".join(
            f'<option value="{pk}"{" selected" if str(pk) == selected else ""}>'
            f"{html.escape(name)}</option>"
            for pk, name in Organisation.objects.filter(participations__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("pk", "name")
        )
    )
    return render(
        request,
        "partnerships/partnership_list.html",
        {
            "form": form,
            "page": page,
            "total": page.paginator.count,
            "organisation_options": organisation_options,
        },
    )


def parties_prefetch():
    """The partnership's parties with their organisations, the city's first."""
    return Prefetch(
        "participations",
        queryset=Participation.objects.select_related("organisation").order_by(
            "-organisation__kind", "organisation__name"
        ),
    )


def _detail_queryset():
    """The whole agreement: text, goals, parties, bilagor with commitments and compensation (the
    agreement PDF)."""
    return Partnership.objects.prefetch_related(
        Prefetch("goals", queryset=Goal.objects.order_by("order", "pk")),
        Prefetch("clauses", queryset=Clause.objects.order_by("order", "pk")),
        parties_prefetch(),
        Prefetch(
            "annexes",
            queryset=Annex.objects.select_related("participation__organisation").prefetch_related(
                Prefetch("commitments", queryset=Commitment.objects.order_by("order", "pk")),
                Prefetch("compensations", queryset=Compensation.objects.order_by("period_start")),
            ),
        ),
    )


@administration_required
def partnership_agreement_text(request, pk):
    partnership = get_partnership_for_user(
        request,
        pk,
        Partnership.objects.prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("order", "pk")),
            Prefetch("clauses", queryset=Clause.objects.order_by("order", "pk")),
        ),
    )
    return render_tab(request, partnership, "avtalstext", "partnerships/partnership_text.html", {})


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


# --- Bilagor, commitments and compensation -----------------------------------------------


@administration_required
def annex_detail(request, pk):
    annex = get_annex_for_user(request, pk)
    annex = (
        Annex.objects.select_related("partnership", "participation__organisation")
        .prefetch_related(
            Prefetch("commitments", queryset=Commitment.objects.order_by("order", "pk")),
            # With their payments, which decide whether a row may be deleted.
            Prefetch(
                "compensations",
                queryset=Compensation.objects.order_by("period_start").prefetch_related("payments"),
            ),
        )
        .get(pk=annex.pk)
    )
    from partnerships.models import PaymentPlan

    return render(
        request,
        "partnerships/annex_detail.html",
        {
            "annex": annex,
            "plan": PaymentPlan.objects.filter(annex=annex).first(),
            "payments": annex.payments.order_by("due_on", "pk"),
            "claims": annex.repayment_claims.select_related("committee_decision"),
            "co_financing": annex.co_financing.all(),
        },
    )


@administration_required
@require_http_methods(["GET", "POST"])
def annex_create(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        AnnexForm(
            form_data(request),
            partnership=partnership,
            initial={
                "number": partnership.annexes.count() + 1,
                "start_date": partnership.start_date,
                "end_date": partnership.end_date,
            },
        ),
        service=lambda **kw: annexes.annex_create(partnership=partnership, **kw),
        template="partnerships/form.html",
        context={"title": _("Ny bilaga"), "partnership": partnership},
        success=lambda obj: obj.get_absolute_url(),
        cancel=section_url(partnership.pk, "bilagor"),
        message=_("Bilagan är skapad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def annex_edit(request, pk):
    annex = get_annex_for_user(request, pk)
    return form_page(
        request,
        AnnexForm(form_data(request), instance=annex, partnership=annex.partnership),
        service=lambda **kw: annexes.annex_update(annex, **kw),
        template="partnerships/form.html",
        context={
            "title": _("Ändra %(annex)s") % {"annex": annex},
            "partnership": annex.partnership,
        },
        success=annex.get_absolute_url(),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def commitment_create(request, pk):
    annex = get_annex_for_user(request, pk)
    return form_page(
        request,
        CommitmentForm(
            form_data(request), annex=annex, initial={"order": annex.commitments.count() + 1}
        ),
        service=lambda **kw: annexes.commitment_create(annex=annex, **kw),
        template="partnerships/form.html",
        context={"title": _("Nytt åtagande"), "partnership": annex.partnership, "annex": annex},
        success=annex.get_absolute_url(),
        message=_("Åtagandet är tillagt."),
    )


def _get_commitment(request, pk):
    commitment = get_commitment_for_user(request, pk)
    return commitment, commitment.annex


@administration_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request, pk):
    commitment, annex = _get_commitment(request, pk)
    return form_page(
        request,
        CommitmentForm(form_data(request), instance=commitment, annex=annex),
        service=lambda **kw: annexes.commitment_update(commitment, **kw),
        template="partnerships/form.html",
        context={"title": _("Ändra åtagande"), "partnership": annex.partnership, "annex": annex},
        success=annex.get_absolute_url(),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def commitment_delete(request, pk):
    commitment, annex = _get_commitment(request, pk)
    return form_page(
        request,
        DeleteForm(form_data(request)),
        service=lambda **kw: annexes.commitment_delete(commitment, **kw) or annex,
        template="partnerships/confirm_delete.html",
        context={"object": commitment, "partnership": annex.partnership, "annex": annex},
        success=annex.get_absolute_url(),
        message=_("Åtagandet är borttaget."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def compensation_create(request, pk):
    annex = get_annex_for_user(request, pk)
    return form_page(
        request,
        CompensationForm(
            form_data(request),
            annex=annex,
            initial={"period_start": annex.start_date, "period_end": annex.end_date},
        ),
        service=lambda **kw: annexes.compensation_create(annex=annex, **kw),
        template="partnerships/form.html",
        context={"title": _("Ny ersättning"), "partnership": annex.partnership, "annex": annex},
        success=annex.get_absolute_url(),
        message=_("Ersättningen är tillagd."),
        warning=lambda compensation: compensation.past_annex_end_remark,
    )


@administration_required
@require_http_methods(["GET", "POST"])
def compensation_edit(request, pk):
    compensation = get_compensation_for_user(request, pk)
    annex = compensation.annex
    return form_page(
        request,
        CompensationForm(form_data(request), instance=compensation, annex=annex),
        service=lambda **kw: annexes.compensation_update(compensation, **kw),
        template="partnerships/form.html",
        context={"title": _("Ändra ersättning"), "partnership": annex.partnership, "annex": annex},
        success=annex.get_absolute_url(),
        message=_("Ändringen är sparad."),
        warning=lambda compensation: compensation.past_annex_end_remark,
    )


@administration_required
@require_http_methods(["GET", "POST"])
def compensation_delete(request, pk):
    compensation = get_compensation_for_user(request, pk)
    annex = compensation.annex
    return form_page(
        request,
        DeleteForm(form_data(request)),
        service=lambda **kw: annexes.compensation_delete(compensation, **kw) or annex,
        template="partnerships/confirm_delete.html",
        context={
            "object": compensation,
            "partnership": annex.partnership,
            "annex": annex,
            # Said before anyone writes a reason; a refused POST keeps the form with the error.
            "refusal": compensation.deletion_refusal() if request.method == "GET" else "",
            "cancel_url": annex.get_absolute_url(),
        },
        success=annex.get_absolute_url(),
        message=_("Ersättningen är borttagen."),
    )


# --- Organisations -----------------------------------------------------------------------


@administration_required
def organisation_list(request):
    form = OrganisationSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    organisations = Organisation.objects.annotate(
        partnership_count=Count("participations", distinct=True)
    ).order_by("name", "pk")
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query) | Q(org_number__icontains=query)
        )
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
