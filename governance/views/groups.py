"""Groups, their members and chairs (drawn, rotated, appointed)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from governance.deadlines import group_next_meeting_due
from governance.forms import ChairAppointForm, GroupForm, MemberForm, RotationForm, TermStartForm
from governance.models import (
    ChairTerm,
    Escalation,
    Group,
    GroupMember,
    Meeting,
    RemediationPlan,
    RotationOrder,
)
from governance.permissions import can_manage, get_draw_for_user, get_group_for_user, visible_groups
from governance.services import groups as group_services
from governance.views.common import FORM
from iop.views_helpers import form_data, form_page, paginate
from partnerships.models import Partnership
from partnerships.permissions import administration_required, get_partnership_for_user
from partnerships.tabs import section_url


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
            queryset=GroupMember.objects.select_related("organisation", "user")
            .with_party()
            .order_by("-organisation__kind", "organisation__name", "name"),
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
            "notice": group.notice_sentence(),
            # A member from an organisation that is not a party sees the group, not the
            # partnership (its decisions register is the partnership's).
            "sees_partnership": Partnership.objects.visible_to(request.user)
            .filter(pk=group.partnership_id)
            .exists(),
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


# A member may come from an organisation that is not yet registered (one that is not a party).
_NEW_ORGANISATION = {
    "aside_link": (
        reverse_lazy("partnerships:organisation_create"),
        _lazy("Registrera den först"),
    ),
}


@administration_required
@require_http_methods(["GET", "POST"])
def member_create(request, pk):
    group = get_group_for_user(request, pk)
    return form_page(
        request,
        MemberForm(form_data(request), partnership=group.partnership),
        service=lambda **kw: group_services.member_add(group=group, **kw),
        template=FORM,
        context={"title": _("Ny ledamot"), "group": group, **_NEW_ORGANISATION},
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
        context={"title": _("Ändra ledamot"), "group": group, **_NEW_ORGANISATION},
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
