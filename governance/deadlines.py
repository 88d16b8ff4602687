"""Governance's deadlines: meetings due by each group's cadence, chair terms ending and
remediation plans due. Three queries, whatever the number of partnerships."""

from django.db.models import Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import rules
from governance.models import ChairTerm, Group, Meeting, RemediationPlan


def groups_with_meeting_dates(queryset, today):
    """Annotate each group with its last meeting up to today and its next planned one."""
    not_cancelled = ~Q(meetings__status=Meeting.Status.CANCELLED)
    return queryset.annotate(
        last_meeting=Max("meetings__date", filter=not_cancelled & Q(meetings__date__lte=today)),
        next_meeting=Min(
            "meetings__date",
            filter=Q(meetings__status=Meeting.Status.SCHEDULED) & Q(meetings__date__gt=today),
        ),
    )


def group_next_meeting_due(group, today=None):
    """The group's cadence status on `today`: when it must meet next and whether it is late."""
    today = today or timezone.localdate()
    annotated = groups_with_meeting_dates(Group.objects.filter(pk=group.pk), today).first()
    return rules.cadence_status(
        group, last_meeting=annotated.last_meeting, next_scheduled=annotated.next_meeting
    )


def overdue_groups(queryset, today=None):
    today = today or timezone.localdate()
    found = []
    for group in groups_with_meeting_dates(queryset, today):
        status = rules.cadence_status(
            group, last_meeting=group.last_meeting, next_scheduled=group.next_meeting
        )
        if status.is_overdue(today):
            found.append((group, status))
    return found


def governance_deadlines(start, end, partnerships):
    from partnerships.deadlines import Deadline

    today = timezone.localdate()
    groups = groups_with_meeting_dates(
        Group.objects.filter(partnership__in=partnerships).select_related("partnership"), today
    )
    for group in groups:
        status = rules.cadence_status(
            group, last_meeting=group.last_meeting, next_scheduled=group.next_meeting
        )
        if status.due is None:
            continue
        title = (
            _("%(group)s är försenad med sitt möte (skulle ha mötts senast)")
            if status.is_overdue(today)
            else _("%(group)s ska mötas senast")
        ) % {"group": group.name}
        yield Deadline(
            due=status.due,
            kind="meeting_due",
            title=title,
            partnership_id=group.partnership_id,
            partnership_title=group.partnership.title,
            url=reverse("governance:group_detail", args=[group.pk]),
            done=status.planned_in_time,
        )
    terms = ChairTerm.objects.filter(
        group__partnership__in=partnerships, end__gte=start, end__lte=end
    ).select_related("group__partnership", "member")
    for term in terms:
        yield Deadline(
            due=term.end,
            kind="chair_term_end",
            title=_("Ordförandes mandatperiod slutar i %(group)s (%(name)s)")
            % {"group": term.group.name, "name": term.member.name},
            partnership_id=term.group.partnership_id,
            partnership_title=term.group.partnership.title,
            url=reverse("governance:group_detail", args=[term.group_id]),
        )
    plans = RemediationPlan.objects.filter(
        group__partnership__in=partnerships, due_on__gte=start, due_on__lte=end
    ).select_related("group__partnership", "organisation")
    for plan in plans:
        yield Deadline(
            due=plan.due_on,
            kind="remediation_plan_due",
            title=_("Åtgärdsplan ska lämnas av %(org)s") % {"org": plan.organisation.name},
            partnership_id=plan.group.partnership_id,
            partnership_title=plan.group.partnership.title,
            organisation_ids=frozenset({plan.organisation_id}),
            url=plan.get_absolute_url(),
            done=plan.status != RemediationPlan.Status.REQUESTED,
        )
