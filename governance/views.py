"""Groups, their members and chairs, escalations, remediation plans and the decisions register."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from governance.deadlines import group_next_meeting_due
from governance.forms import (
    ChairAppointForm,
    DecisionSearchForm,
    EscalationForm,
    GroupForm,
    MemberForm,
    RemediationAssessForm,
    RemediationRequestForm,
    RemediationSubmitForm,
    RotationForm,
    TermStartForm,
)
from governance.models import (
    ChairTerm,
    Decision,
    Escalation,
    Group,
    GroupMember,
    Meeting,
    RemediationPlan,
    RotationOrder,
)
from governance.permissions import (
    can_manage,
    can_submit_remediation,
    get_draw_for_user,
    get_group_for_user,
    get_remediation_for_user,
    visible_decisions,
    visible_groups,
)
from governance.services import escalations as escalation_services
from governance.services import groups as group_services
from iop.views_helpers import form_data, form_page, paginate
from partnerships.permissions import administration_required, get_partnership_for_user
from partnerships.tabs import section_url

FORM = "governance/form.html"


@login_required
def group_list(request):
    today = timezone.localdate()
    groups = (
        visible_groups(request.user)
        .select_related("partnership")
        .prefetch_related(
            Prefetch(
                "meetings",
                queryset=Meeting.objects.filter(
                    status=Meeting.Status.SCHEDULED, date__gte=today
                ).order_by("date", "start_time"),
                to_attr="upcoming",
            )
        )
        .order_by("partnership__title", "kind", "name")
    )
    plans = RemediationPlan.objects.none()
    if not can_manage(request.user):
        plans = RemediationPlan.objects.visible_to(request.user).select_related(
            "group__partnership"
        )
    return render(request, "governance/group_list.html", {"groups": groups, "plans": plans})


def _group_detail_queryset():
    return Group.objects.select_related("partnership", "reports_to").prefetch_related(
        Prefetch(
            "members",
            queryset=GroupMember.objects.select_related("organisation", "user").order_by(
                "-organisation__kind", "organisation__name", "name"
            ),
        ),
        Prefetch("chair_terms", queryset=ChairTerm.objects.select_related("member", "draw")),
        Prefetch("rotation", queryset=RotationOrder.objects.select_related("member")),
    )


@login_required
def group_detail(request, pk):
    group = get_group_for_user(request, pk, _group_detail_queryset())
    today = timezone.localdate()
    chair_term = next((t for t in group.chair_terms.all() if t.covers(today)), None)
    meetings = group.meetings.order_by("-date", "-start_time")
    escalations = Escalation.objects.filter(Q(from_group=group) | Q(to_group=group)).select_related(
        "from_group", "to_group", "decision__item"
    )
    plans = group.remediation_plans.visible_to(request.user).select_related("organisation")
    return render(
        request,
        "governance/group_detail.html",
        {
            "group": group,
            "today": today,
            "members": [m for m in group.members.all() if m.is_current(today)],
            "former_members": [m for m in group.members.all() if not m.is_current(today)],
            "chair_term": chair_term,
            "cadence": group_next_meeting_due(group, today),
            "page": paginate(request, meetings, per_page=20),
            "escalations": escalations,
            "plans": plans,
            "can_manage": can_manage(request.user),
        },
    )


@administration_required
@require_http_methods(["GET", "POST"])
def group_create(request, pk):
    partnership = get_partnership_for_user(request, pk)
    return form_page(
        request,
        GroupForm(form_data(request), partnership=partnership),
        service=lambda **kw: group_services.group_create(partnership=partnership, **kw),
        template=FORM,
        context={"title": _("Ny grupp"), "partnership": partnership},
        success=lambda group: group.get_absolute_url(),
        cancel=section_url(partnership.pk, "styrning"),
        message=_("Gruppen är skapad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def group_edit(request, pk):
    group = get_group_for_user(request, pk)
    return form_page(
        request,
        GroupForm(form_data(request), instance=group, partnership=group.partnership),
        service=lambda **kw: group_services.group_update(group, **kw),
        template=FORM,
        context={"title": _("Ändra gruppens regler"), "group": group},
        success=group.get_absolute_url(),
        message=_("Ändringen är sparad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def member_create(request, pk):
    group = get_group_for_user(request, pk)
    return form_page(
        request,
        MemberForm(form_data(request), partnership=group.partnership),
        service=lambda **kw: group_services.member_add(group=group, **kw),
        template=FORM,
        context={"title": _("Ny ledamot"), "group": group},
        success=group.get_absolute_url() + "#ledamoter",
        message=_("Ledamoten är tillagd."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk):
    member = GroupMember.objects.filter(pk=pk).first()
    group = get_group_for_user(request, member.group_id if member else 0)
    return form_page(
        request,
        MemberForm(form_data(request), instance=member, partnership=group.partnership),
        service=lambda **kw: group_services.member_update(member, **kw),
        template=FORM,
        context={"title": _("Ändra ledamot"), "group": group},
        success=group.get_absolute_url() + "#ledamoter",
        message=_("Ändringen är sparad."),
    )


# --- The chair ---------------------------------------------------------------------------


@administration_required
@require_http_methods(["GET", "POST"])
def chair_draw(request, pk):
    group = get_group_for_user(request, pk)
    return form_page(
        request,
        TermStartForm(form_data(request)),
        service=lambda **kw: group_services.chair_draw(group=group, **kw),
        template="governance/chair_draw_form.html",
        context={
            "title": _("Lotta ordförande"),
            "group": group,
            "candidates": group.members.current().voting().order_by("pk"),
        },
        success=lambda draw: draw.get_absolute_url(),
        cancel=group.get_absolute_url() + "#ordforande",
        message=_("Lottningen är genomförd och sparad."),
    )


@login_required
def draw_detail(request, pk):
    draw = get_draw_for_user(request, pk)
    return render(
        request,
        "governance/draw_detail.html",
        {"draw": draw, "group": draw.group, "verified": draw.verify()},
    )


@administration_required
@require_http_methods(["GET", "POST"])
def chair_rotate(request, pk):
    group = get_group_for_user(request, pk)
    return form_page(
        request,
        TermStartForm(form_data(request)),
        service=lambda **kw: group_services.chair_rotate(group=group, **kw),
        template=FORM,
        context={
            "title": _("Nästa ordförande enligt turordningen: %(name)s")
            % {"name": getattr(group_services.rotation_next(group), "name", "–")},
            "group": group,
        },
        success=group.get_absolute_url() + "#ordforande",
        message=_("Ordföranden är registrerad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def chair_appoint(request, pk):
    group = get_group_for_user(request, pk)
    return form_page(
        request,
        ChairAppointForm(form_data(request), group=group),
        service=lambda **kw: group_services.chair_appoint(group=group, **kw),
        template=FORM,
        context={"title": _("Utse ordförande"), "group": group},
        success=group.get_absolute_url() + "#ordforande",
        message=_("Ordföranden är registrerad."),
    )


@administration_required
@require_http_methods(["GET", "POST"])
def rotation_edit(request, pk):
    group = get_group_for_user(request, pk)
    return form_page(
        request,
        RotationForm(form_data(request), group=group),
        service=lambda **kw: group_services.rotation_set(group=group, **kw),
        template=FORM,
        context={"title": _("Turordning för ordförande"), "group": group},
        success=group.get_absolute_url() + "#ordforande",
        message=_("Turordningen är sparad."),
    )


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
        _WithReason(RemediationSubmitForm, _("Åtgärdsplan inlämnad av parten"))(
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


def _WithReason(form_class, reason):  # noqa: N802 - a form class factory
    """A form whose history reason is fixed (people adding an agenda item are not asked why)."""

    class Form(form_class):
        def clean(self):
            data = super().clean()
            data["reason"] = str(reason)
            return data

    return Form


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
