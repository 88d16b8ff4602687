"""Who sees and does what in governance.

Staff (förvaltningen) see every group. An NGO representative sees a group when their
organisation has a current member in it (decided by the membership data, not by a separate
permission), and in it: meetings, agendas, approved minutes and the decisions in them. Views
reach objects only through the `get_*_for_user` helpers, which answer 404 for anything else.

The same holds for a member from an organisation that is not a party (`GroupMember.is_party`,
e.g. the cooperation group's "andra organisationer från idéburen sektor"): its representative
sees the group, its meetings, approved minutes and their decisions as every member does, and
nothing that is the partnership's or a party's own: the partnership, its bilagor, reports and
payments, and its decisions register (`Partnership.objects.visible_to` grants those to parties
only), nor another organisation's remediation plans.
"""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from governance import rules
from governance.models import (
    AgendaItem,
    ChairDraw,
    Decision,
    Group,
    Meeting,
    Minutes,
    RemediationPlan,
)
from partnerships.permissions import is_administration


def visible_groups(user, on=None):
    return Group.objects.visible_to(user, on)


def _approved_meetings(queryset):
    return queryset.filter(minutes_versions__status=Minutes.Status.APPROVED).distinct()


def visible_decisions(user, queryset=None):
    """Staff see every decision; representatives those in approved minutes of their groups."""
    queryset = queryset if queryset is not None else Decision.objects.all()
    if is_administration(user):
        return queryset
    approved = _approved_meetings(Meeting.objects.filter(group__in=visible_groups(user)))
    return queryset.filter(item__meeting__in=approved)


def get_group_for_user(request, pk, queryset=None):
    queryset = queryset if queryset is not None else Group.objects.select_related("partnership")
    return get_object_or_404(
        queryset.filter(pk__in=visible_groups(request.user).values("pk")), pk=pk
    )


def get_meeting_for_user(request, pk, queryset=None):
    queryset = queryset if queryset is not None else Meeting.objects.all()
    queryset = queryset.select_related("group__partnership")
    return get_object_or_404(queryset.filter(group__in=visible_groups(request.user)), pk=pk)


def get_item_for_user(request, pk):
    queryset = AgendaItem.objects.select_related("meeting__group__partnership", "escalation")
    return get_object_or_404(queryset.filter(group__in=visible_groups(request.user)), pk=pk)


def get_decision_for_user(request, pk, queryset=None):
    queryset = queryset if queryset is not None else Decision.objects.all()
    queryset = queryset.select_related("item__meeting__group__partnership")
    return get_object_or_404(visible_decisions(request.user, queryset), pk=pk)


def get_draw_for_user(request, pk):
    queryset = ChairDraw.objects.select_related("group__partnership", "result", "run_by")
    return get_object_or_404(queryset.filter(group__in=visible_groups(request.user)), pk=pk)


def get_remediation_for_user(request, pk):
    queryset = RemediationPlan.objects.select_related(
        "group__partnership", "organisation", "decision__item", "submitted_by"
    )
    return get_object_or_404(queryset.visible_to(request.user), pk=pk)


def can_manage(user):
    return is_administration(user)


def can_see_draft_minutes(user, minutes=None, chair=None):
    """Staff; and the chair and the adjuster, who must read the draft they approve."""
    if is_administration(user):
        return True
    if minutes is None:
        return False
    people = [minutes.chair or chair, minutes.adjuster]
    return any(person and person.user_id and person.user_id == user.pk for person in people)


def can_add_agenda_item(user, meeting, minutes=None):
    """Staff until the minutes are approved; a member's representative before the meeting."""
    if minutes is not None and minutes.is_locked:
        return False
    if meeting.status == Meeting.Status.CANCELLED:
        return False
    if is_administration(user):
        return True
    return meeting.status == Meeting.Status.SCHEDULED and meeting.date >= timezone.localdate()


def can_send_notice(user, meeting, chair):
    """The chair sends the notice; staff may send it on the chair's behalf."""
    if meeting.status != Meeting.Status.SCHEDULED:
        return False
    return is_administration(user) or bool(chair and chair.user_id and chair.user_id == user.pk)


def approval_roles(user, minutes, chair=None):
    """The approvals this user may record on the minutes, as (role, person, on_behalf) for the
    roles "chair" and "adjuster"; `chair` is the chair on the meeting's date, used until the
    minutes name one.

    Each person approves for themself. Staff may record an approval on someone's behalf only
    when that member has no account to approve with (on_behalf is then True, and a reason is
    asked for): otherwise the page would show an approval the member never gave."""
    if minutes is None or minutes.is_locked:
        return []
    roles = []
    for role, person, done in (
        ("chair", minutes.chair or chair, minutes.chair_approved_at),
        ("adjuster", minutes.adjuster, minutes.adjuster_approved_at),
    ):
        if done or person is None:
            continue
        on_behalf = rules.approval_on_behalf(user, person)
        if on_behalf is not None:
            roles.append((role, person, on_behalf))
    return roles


def can_submit_remediation(user, plan):
    return (
        not is_administration(user)
        and user.organisation_id == plan.organisation_id
        # Which statuses may be submitted from is the plan's own lifecycle, declared once.
        and "submit" in plan.allowed_actions
    )
