"""What a meeting decides and how its minutes are approved: recording a decision, the decision
page and the decisions register, the adjuster, approval (justering, also on someone's behalf)
and correction."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from governance.follow_ups import join_url, started_by
from governance.forms import AdjusterForm, DecisionForm, DecisionSearchForm, OnBehalfApprovalForm
from governance.models import Decision, Minutes, Vote
from governance.permissions import (
    approval_roles,
    can_manage,
    get_decision_for_user,
    get_item_for_user,
    get_meeting_for_user,
    visible_decisions,
)
from governance.services import groups as group_services
from governance.services import meetings as meeting_services
from governance.services import minutes as minutes_services
from governance.views.common import FORM, ROLE_LABELS, WithReason
from iop.views_helpers import form_data, form_page, paginate
from partnerships.forms import ReasonFormMixin
from partnerships.forms_lifecycle import PartyJoinForm
from partnerships.permissions import administration_required, get_partnership_for_user
from partnerships.views import FORM as PARTNERSHIP_FORM
from partnerships.views import back_to


def _decision_recorded(decision):
    """What came of it, said at once: with votes the count decides, whatever the outcome chosen
    for a decision without a vote."""
    if decision.votes_counted:
        return _(
            "Beslutet är registrerat: %(outcome)s (%(for)d för, %(against)d emot, %(abstain)d "
            "avstår)."
        ) % {
            "outcome": decision.get_outcome_display().lower(),
            "for": decision.votes_for,
            "against": decision.votes_against,
            "abstain": decision.votes_abstain,
        }
    return _("Beslutet är registrerat: %(outcome)s.") % {
        "outcome": decision.get_outcome_display().lower()
    }


@administration_required
@require_http_methods(["GET", "POST"])
def decision_create(request, pk):
    item = get_item_for_user(request, pk)
    meeting = item.meeting
    voters = meeting.group.members.current(meeting.date).voting().select_related("organisation")
    return form_page(
        request,
        WithReason(DecisionForm, _("Beslut under § %(n)d") % {"n": item.number})(
            form_data(request), voters=voters
        ),
        service=lambda **kw: minutes_services.decision_record(item=item, **kw),
        template="governance/decision_form.html",
        context={
            "title": _("Beslut under § %(n)d %(title)s") % {"n": item.number, "title": item.title},
            "group": meeting.group,
            "meeting": meeting,
            "item": item,
        },
        success=lambda decision: decision.get_absolute_url(),
        cancel=meeting.get_absolute_url() + f"#p{item.number}",
        message=_decision_recorded,
    )


@login_required
def decision_detail(request, pk):
    decision = get_decision_for_user(
        request,
        pk,
        Decision.objects.prefetch_related(
            Prefetch("votes", queryset=Vote.objects.select_related("member__organisation"))
        ).select_related("item__escalation__proposed_organisation"),
    )
    meeting = decision.item.meeting
    return render(
        request,
        "governance/decision_detail.html",
        {
            "decision": decision,
            "meeting": meeting,
            "group": meeting.group,
            "plans": decision.remediation_plans.visible_to(request.user).select_related(
                "organisation"
            ),
            "can_manage": can_manage(request.user),
            **_started(request, decision),
        },
    )


def _started(request, decision):
    """Staff see what the decision started elsewhere, and where to complete a joining."""
    if not request.user.is_administration:
        return {}
    pending_join = (
        decision.type == Decision.Type.NEW_PARTY and decision.follow_up == Decision.FollowUp.PENDING
    )
    return {
        "started": started_by(decision),
        "join_url": join_url(decision) if pending_join else None,
    }


# --- Decisions register ------------------------------------------------------------------


@login_required
def decision_register(request, pk):
    partnership = get_partnership_for_user(request, pk)
    form = DecisionSearchForm(request.GET or None)
    decisions = visible_decisions(
        request.user, Decision.objects.filter(item__group__partnership=partnership)
    )
    if form.is_bound:
        # A refused value (a type nobody offered) is named next to its field and left out; the
        # filters that are valid still apply, as in the partnership register.
        form.is_valid()
        decisions = form.filter(decisions)
    decisions = decisions.select_related("item__meeting__group").order_by(
        "-item__meeting__date", "-item__number", "-pk"
    )
    return render(
        request,
        "governance/decision_register.html",
        {"partnership": partnership, "form": form, "page": paginate(request, decisions, 50)},
    )


@administration_required
@require_POST
def minutes_adjuster(request, pk):
    meeting = get_meeting_for_user(request, pk)
    form = AdjusterForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            minutes_services.minutes_set_adjuster(
                meeting=meeting,
                adjuster=form.cleaned_data["adjuster"],
                actor=request.user,
                reason=_("Justerare vald"),
            )
            messages.success(request, _("Justeraren är vald."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Välj en justerare."))
    return redirect(meeting.get_absolute_url() + "#justering")


def _approval(request, meeting, role):
    """(person, on_behalf) if the user may record `role`'s approval now, else None."""
    chair = group_services.chair_on(meeting.group, meeting.date)
    for candidate, person, on_behalf in approval_roles(
        request.user, meeting_services.current_minutes(meeting), chair
    ):
        if candidate == role:
            return person, on_behalf
    return None


@login_required
@require_POST
def minutes_approve(request, pk):
    """One click for the chair or the adjuster approving themself."""
    meeting = get_meeting_for_user(request, pk)
    role = request.POST.get("role")
    allowed = _approval(request, meeting, role)
    if allowed is None or allowed[1]:
        # Someone else's approval is recorded only through minutes_approve_on_behalf.
        raise PermissionDenied
    try:
        minutes = minutes_services.minutes_approve(
            meeting=meeting,
            role=role,
            actor=request.user,
            reason=_("Protokollet justerat av %(role)s") % {"role": ROLE_LABELS[role]},
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if minutes.status == Minutes.Status.APPROVED:
            messages.success(request, _("Protokollet är justerat och låst."))
        else:
            messages.success(request, _("Justeringen är registrerad."))
    return redirect(meeting.get_absolute_url() + "#justering")


@administration_required
@require_http_methods(["GET", "POST"])
def minutes_approve_on_behalf(request, pk, role):
    """Staff record the approval of a chair or adjuster who has no account (who approved on
    paper, say), saying why; the meeting page then shows who recorded it."""
    if role not in ROLE_LABELS:
        raise Http404
    meeting = get_meeting_for_user(request, pk)
    back = meeting.get_absolute_url() + "#justering"
    allowed = _approval(request, meeting, role)
    if allowed is None or not allowed[1]:
        messages.error(
            request,
            _(
                "Justeringen kan bara registreras åt en ledamot som inte har något eget konto. "
                "Den som har ett konto justerar själv."
            ),
        )
        return redirect(back)
    person = allowed[0]
    label = ROLE_LABELS[role]
    return form_page(
        request,
        OnBehalfApprovalForm(form_data(request), person=person),
        service=lambda **kw: minutes_services.minutes_approve(meeting=meeting, role=role, **kw),
        template=FORM,
        context={
            "title": _("Registrera justering åt %(name)s (%(role)s)")
            % {"name": person.name, "role": label},
            "intro": _(
                "%(name)s har inget eget konto i IOP. Registrera justeringen bara om %(name)s "
                "har justerat protokollet på annat sätt, t.ex. på papper. Ditt namn och "
                "anledningen visas vid justeringen."
            )
            % {"name": person.name},
            "submit_label": _("Registrera justeringen"),
            "group": meeting.group,
            "meeting": meeting,
        },
        success=back,
        message=_("Justeringen är registrerad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def minutes_correct(request, pk):
    meeting = get_meeting_for_user(request, pk)
    return form_page(
        request,
        ReasonFormMixin(form_data(request)),
        service=lambda **kw: minutes_services.minutes_correct(meeting=meeting, **kw),
        template=FORM,
        context={
            "title": _("Rätta justerat protokoll"),
            "intro": _(
                "Den justerade versionen sparas. En ny version öppnas och ska justeras på nytt."
            ),
            "group": meeting.group,
            "meeting": meeting,
        },
        success=meeting.get_absolute_url() + "#justering",
        message=_("En ny version av protokollet är öppnad för rättelse."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def party_join(request, pk):
    """A new party joins; here, in governance, because the join may complete a steering-group
    decision's follow-up, which partnerships does not know about."""
    partnership = get_partnership_for_user(request, pk)
    # Prefilled from a steering-group decision's page ("Slutför inträdet").
    initial = {"steering_decision": request.GET.get("beslut")}
    if request.GET.get("organisation"):
        initial["organisation"] = request.GET["organisation"]
    form = PartyJoinForm(
        form_data(request),
        partnership=partnership,
        steering_decisions=Decision.objects.awaiting_joining(partnership),
        initial=initial,
    )
    return form_page(
        request,
        form,
        service=lambda **kw: minutes_services.decision_party_join(partnership=partnership, **kw),
        template=PARTNERSHIP_FORM,
        context={"title": _("Ny part genom styrgruppens beslut"), "partnership": partnership},
        success=back_to(partnership, "#parter"),
        message=_("Parten har inträtt i partnerskapet."),
    )
