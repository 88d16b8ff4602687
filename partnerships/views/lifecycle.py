"""Staff views for the agreement's lifecycle: steps, committee cases, parties joining and
leaving, extensions, and the agreement as it stood. Thin: forms in, services out."""

import datetime as dt

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from iop.views_helpers import form_data, form_page
from partnerships.asof import partnership_as_of
from partnerships.forms import DeleteForm
from partnerships.forms_lifecycle import (
    AsOfForm,
    CommitteeCaseForm,
    CommitteeDecisionForm,
    DelegationForm,
    ExtensionAgreementForm,
    NoticeForm,
    TransitionForm,
)
from partnerships.models import (
    CommitteeCase,
    CommitteeDecision,
    Delegation,
)
from partnerships.permissions import (
    administration_required,
    get_partnership_for_user,
)
from partnerships.services import committee, extensions, parties
from partnerships.states import transition
from partnerships.views import FORM, back_to

# --- Lifecycle steps ---------------------------------------------------------------------


@administration_required
@require_http_methods(["GET", "POST"])
def lifecycle_step(request, pk):
    partnership = get_partnership_for_user(request, pk)

    def service(*, actor, reason, to, on, decision, decision_reference):
        return transition(
            partnership,
            to,
            actor=actor,
            reason=reason,
            decision=decision,
            decision_reference=decision_reference,
            on=on,
        )

    return form_page(
        request,
        TransitionForm(form_data(request), partnership=partnership),
        service=service,
        template=FORM,
        context={"title": _("Nytt steg i avtalets livscykel"), "partnership": partnership},
        success=back_to(partnership, "#livscykel"),
        message=_("Steget är registrerat."),
    )


# --- Committee cases ---------------------------------------------------------------------


@administration_required
@require_http_methods(["GET", "POST"])
def committee_case_create(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        CommitteeCaseForm(form_data(request)),
        service=lambda **kw: committee.committee_case_create(partnership=partnership, **kw),
        template=FORM,
        context={"title": _("Nytt nämndärende"), "partnership": partnership},
        success=back_to(partnership, "#namndarenden"),
        message=_("Ärendet är registrerat."),
    )


def _get_case(request, pk):
    case = get_object_or_404(CommitteeCase, pk=pk)
    return case, get_partnership_for_user(request, case.partnership_id)


@administration_required
@require_http_methods(["GET", "POST"])
def committee_case_edit(request, pk):
    case, partnership = _get_case(request, pk)
    return form_page(
        request,
        CommitteeCaseForm(form_data(request), instance=case),
        service=lambda **kw: committee.committee_case_update(case, **kw),
        template=FORM,
        context={"title": _("Ändra nämndärende"), "partnership": partnership},
        success=back_to(partnership, "#namndarenden"),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def committee_decision_create(request, pk):
    case, partnership = _get_case(request, pk)
    return form_page(
        request,
        CommitteeDecisionForm(form_data(request), case=case),
        service=lambda **kw: committee.committee_decision_create(case=case, **kw),
        template=FORM,
        context={"title": _("Nämndens beslut"), "partnership": partnership},
        success=back_to(partnership, "#namndarenden"),
        message=_("Beslutet är registrerat."),
    )


def _get_decision(request, pk):
    decision = get_object_or_404(CommitteeDecision.objects.select_related("case"), pk=pk)
    return decision, get_partnership_for_user(request, decision.partnership_id)


@administration_required
@require_http_methods(["GET", "POST"])
def committee_decision_edit(request, pk):
    decision, partnership = _get_decision(request, pk)
    return form_page(
        request,
        CommitteeDecisionForm(form_data(request), instance=decision, case=decision.case),
        service=lambda **kw: committee.committee_decision_update(decision, **kw),
        template=FORM,
        context={"title": _("Ändra nämndbeslut"), "partnership": partnership},
        success=back_to(partnership, "#namndarenden"),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def delegation_create(request, pk):
    decision, partnership = _get_decision(request, pk)
    return form_page(
        request,
        DelegationForm(form_data(request), decision=decision),
        service=lambda **kw: committee.delegation_create(decision=decision, **kw),
        template=FORM,
        context={"title": _("Ny delegation"), "partnership": partnership},
        success=back_to(partnership, "#namndarenden"),
        message=_("Delegationen är registrerad."),
    )


def _get_delegation(request, pk):
    delegation = get_object_or_404(Delegation.objects.select_related("decision__case"), pk=pk)
    return delegation, get_partnership_for_user(request, delegation.decision.partnership_id)


@administration_required
@require_http_methods(["GET", "POST"])
def delegation_edit(request, pk):
    delegation, partnership = _get_delegation(request, pk)
    return form_page(
        request,
        DelegationForm(form_data(request), instance=delegation, decision=delegation.decision),
        service=lambda **kw: committee.delegation_update(delegation, **kw),
        template=FORM,
        context={"title": _("Ändra delegation"), "partnership": partnership},
        success=back_to(partnership, "#namndarenden"),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def delegation_delete(request, pk):
    delegation, partnership = _get_delegation(request, pk)
    return form_page(
        request,
        DeleteForm(form_data(request)),
        service=lambda **kw: committee.delegation_delete(delegation, **kw) or partnership,
        template="partnerships/confirm_delete.html",
        context={"object": delegation, "partnership": partnership},
        success=back_to(partnership, "#namndarenden"),
        message=_("Delegationen är borttagen."),
    )


# --- Parties joining and leaving, extensions ---------------------------------------------


@administration_required
@require_http_methods(["GET", "POST"])
def notice_create(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        NoticeForm(
            form_data(request),
            partnership=partnership,
            initial={
                "participation": request.GET.get("part"),
                "kind": "party" if request.GET.get("part") else "partnership",
                "given_on": timezone.localdate(),
            },
        ),
        service=lambda **kw: parties.notice_give(partnership=partnership, **kw),
        template=FORM,
        context={"title": _("Registrera uppsägning eller hävning"), "partnership": partnership},
        success=back_to(partnership, "#livscykel"),
        message=_("Uppsägningen är registrerad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def extension_agree(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        ExtensionAgreementForm(form_data(request), partnership=partnership),
        service=lambda **kw: extensions.extension_agree(partnership=partnership, **kw),
        template=FORM,
        context={
            "title": _("Skriftlig överenskommelse om förlängning"),
            "partnership": partnership,
        },
        success=back_to(partnership, "#livscykel"),
        message=_("Förlängningen är registrerad."),
    )


# --- As it stood -------------------------------------------------------------------------


@administration_required
def partnership_as_of_view(request, pk):
    partnership = get_partnership_for_user(request, pk)
    form = AsOfForm(request.GET if "datum" in request.GET else None)
    when = None
    moment_error = ""
    if request.GET.get("tidpunkt"):
        when = _moment(request.GET["tidpunkt"])
        if when is None:
            moment_error = _("Tidpunkten i länken går inte att läsa. Välj ett datum i stället.")
    elif form.is_valid():
        day = form.cleaned_data["datum"]
        when = timezone.make_aware(dt.datetime.combine(day, dt.time.max))
    snapshot = partnership_as_of(partnership, when) if when else None
    return render(
        request,
        "partnerships/partnership_as_of.html",
        {
            "partnership": partnership,
            "form": form,
            "snapshot": snapshot,
            "when": when,
            "moment_error": moment_error,
        },
    )


def _moment(text):
    """The moment an "as it stood" link names (ISO 8601, local time unless it says otherwise),
    or None when it names none: not a time, or one the database cannot store (the history is
    kept in UTC, and year 1 or 9999 may fall outside it once converted)."""
    try:
        when = dt.datetime.fromisoformat(text)
        if timezone.is_naive(when):
            when = timezone.make_aware(when)
        when.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        return None
    return when
