"""Escalations (questions lifted to the group a group reports to) and remediation plans."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from governance.forms import (
    EscalationForm,
    RemediationAssessForm,
    RemediationRequestForm,
    RemediationSubmitForm,
)
from governance.permissions import (
    can_manage,
    can_submit_remediation,
    get_group_for_user,
    get_remediation_for_user,
)
from governance.services import escalations as escalation_services
from governance.views.common import FORM, WithReason
from iop.views_helpers import form_data, form_page
from partnerships.permissions import administration_required

# --- Escalations and remediation plans ---------------------------------------------------


@administration_required
@require_http_methods(["GET", "POST"])
def escalation_create(request, pk):
    group = get_group_for_user(request, pk)
    return form_page(
        request,
        EscalationForm(form_data(request), initial={"raised_on": timezone.localdate()}),
        service=lambda **kw: escalation_services.escalation_raise(from_group=group, **kw),
        template=FORM,
        context={"title": _("Lyft fråga till %(to)s") % {"to": group.reports_to}, "group": group},
        success=group.get_absolute_url() + "#fragor",
        message=_("Frågan är lyft och hamnar på nästa mötes dagordning."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def remediation_request(request, pk):
    group = get_group_for_user(request, pk)
    return form_page(
        request,
        RemediationRequestForm(form_data(request), group=group),
        service=lambda **kw: escalation_services.remediation_request(group=group, **kw),
        template=FORM,
        context={"title": _("Begär åtgärdsplan"), "group": group},
        success=lambda plan: plan.get_absolute_url(),
        cancel=group.get_absolute_url() + "#atgardsplaner",
        message=_("Åtgärdsplanen är begärd."),
    )


@login_required
def remediation_detail(request, pk):
    plan = get_remediation_for_user(request, pk)
    return render(
        request,
        "governance/remediation_detail.html",
        {
            "plan": plan,
            "group": plan.group,
            "can_submit": can_submit_remediation(request.user, plan),
            "can_assess": can_manage(request.user) and "accept" in plan.allowed_actions,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def remediation_submit(request, pk):
    plan = get_remediation_for_user(request, pk)
    if not can_submit_remediation(request.user, plan):
        raise PermissionDenied
    return form_page(
        request,
        WithReason(RemediationSubmitForm, _("Åtgärdsplan inlämnad av parten"))(
            form_data(request), initial={"plan_text": plan.plan_text}
        ),
        service=lambda **kw: escalation_services.remediation_submit(plan, **kw),
        template=FORM,
        context={"title": _("Lämna in åtgärdsplan"), "group": plan.group, "plan": plan},
        success=plan.get_absolute_url(),
        message=_("Åtgärdsplanen är inlämnad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def remediation_assess(request, pk):
    plan = get_remediation_for_user(request, pk)
    return form_page(
        request,
        RemediationAssessForm(form_data(request)),
        service=lambda **kw: escalation_services.remediation_assess(plan, **kw),
        template=FORM,
        context={"title": _("Bedöm åtgärdsplan"), "group": plan.group, "plan": plan},
        success=plan.get_absolute_url(),
        message=_("Bedömningen är sparad."),
    )
