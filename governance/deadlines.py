"""Governance's deadlines: meetings due by each group's cadence, chair terms ending and
remediation plans due. Two queries, whatever the number of partnerships."""

from collections import defaultdict, namedtuple

from django.db.models import (
    DateField,
    Exists,
    F,
    FilteredRelation,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
)
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from governance import rules
from governance.models import ChairTerm, Group, GroupMember, Meeting, RemediationPlan
from iop.prepared import Param, PreparedQuery
from partnerships import period_rules
from partnerships.deadlines import Deadline, DeadlineScope, Title
from partnerships.models import Partnership

# The kinds of deadline `governance_deadlines` gives, as Kommande labels them.
KINDS = {
    "chair_term_end": gettext_lazy("Ordförandes mandat löper ut"),
    "meeting_due": gettext_lazy("Möte ska hållas"),
    "remediation_plan_due": gettext_lazy("Åtgärdsplan ska lämnas"),
}


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
    """The group's cadence status on `today`: when it must meet next and whether it is late
    (nothing once its partnership is over)."""
    today = today or timezone.localdate()
    annotated = groups_with_meeting_dates(Group.objects.filter(pk=group.pk), today).first()
    return rules.cadence_status(
        group,
        last_meeting=annotated.last_meeting,
        next_scheduled=annotated.next_meeting,
        **rules.partnership_cadence_limits(group.partnership, today),
    )


def _partnerships_over(scope, today):
    """The ids of the scope's partnerships that are over on `today` (`Partnership.is_over`):
    a stored status says so, or the period has run out (`with_effective_status`, the same rule
    in SQL; one query, only for the few whose stored end has passed while live)."""
    over = {p.pk for p in scope.partnerships if p.status in Partnership.OVER}
    ran_out = [
        p.pk
        for p in scope.partnerships
        if p.status in Partnership.ENDS_WITH_ITS_PERIOD and p.end_date < today
    ]
    if ran_out:
        over.update(
            Partnership.objects.filter(pk__in=ran_out)
            .with_effective_status(today)
            .filter(effective_status__in=Partnership.OVER)
            .values_list("pk", flat=True)
        )
    return over


class GroupRow(
    namedtuple(
        "GroupRow",
        (
            "pk",
            "partnership_id",
            "name",
            "established_on",
            "cadence_initial_months",
            "cadence_initial_period_months",
            "cadence_later_months",
            "last_meeting",
            "next_meeting",
            "term_end",
            "term_member",
            "term_taken_over",
        ),
    )
):
    """A group as the deadlines read it: its cadence rule, its meetings and a chair term ending,
    as a light record rather than a model instance (300 at 10×, half the time of the source)."""

    __slots__ = ()
    cadence_months_at = Group.cadence_months_at  # what rules.cadence_status asks of a group


def _groups_with_ending_terms(scope, start, end, today):
    """The scope's groups (`GroupRow`) with their last and next meeting and, joined, the chair
    terms that end in the window and whether a later term is recorded: one query. A group comes
    once per such term (once, without one). For one organisation's deadlines, only the groups it
    sits in today."""
    meetings = Meeting.objects.filter(group_id=OuterRef("pk")).order_by()
    last = meetings.filter(date__lte=today).exclude(status=Meeting.Status.CANCELLED)
    upcoming = meetings.filter(status=Meeting.Status.SCHEDULED, date__gt=today)
    groups = scope.within(Group.objects.all())
    if not scope.all_parties:
        # A representative sees the groups their organisation sits in, nothing of the others
        # (whose pages are not found for them either).
        groups = groups.filter(
            Exists(
                GroupMember.objects.current(today).filter(
                    group_id=OuterRef("pk"), organisation_id=scope.organisation_id
                )
            )
        )
    rows = (
        groups.annotate(
            last_meeting=Subquery(last.order_by("-date").values("date")[:1]),
            next_meeting=Subquery(upcoming.order_by("date").values("date")[:1]),
            ending=FilteredRelation(
                "chair_terms", condition=Q(chair_terms__end__range=(start, end))
            ),
            term_end=F("ending__end"),
            term_member=F("ending__member__name"),
            # The next chair recorded: a term of the group starting after this one ends.
            term_taken_over=Exists(
                ChairTerm.objects.filter(group_id=OuterRef("pk"), start__gt=OuterRef("term_end"))
            ),
        )
        .order_by()
        .values_list(*GroupRow._fields)
    )
    return map(GroupRow._make, rows)


def _organisation_plans():
    organisation = Param("organisation")
    sits_in_group = GroupMember.objects.current(Param("today", DateField())).filter(
        group_id=OuterRef("group_id"), organisation_id=organisation
    )
    return (
        RemediationPlan.objects.filter(organisation_id=organisation)
        .select_related("group__partnership", "organisation")
        .only(
            "pk",
            "group_id",
            "organisation_id",
            "due_on",
            "status",
            "group__name",
            "group__partnership_id",
            "group__partnership__title",
            "organisation__name",
        )
        .annotate(in_my_groups=Exists(sits_in_group))
        .order_by("due_on", "pk")
    )


# Compiled once per process (iop/prepared.py): the same query for every organisation.
ORGANISATION_PLANS = PreparedQuery(_organisation_plans)


def organisation_plans(scope):
    """Every remediation plan asked of the scope's organisation (a handful), with whether the
    organisation sits in the plan's group today. The portal's section lists the open ones and the
    deadlines take those due in their window: one query for both."""

    def load():
        return ORGANISATION_PLANS.list(
            organisation=scope.organisation_id, today=timezone.localdate()
        )

    return scope.shared("governance.plans", load)


# The deadlines of a group nobody sits in concern no party (förvaltningen sees them).
NOBODY = frozenset({-1})


def _sitting_organisations(scope, today):
    """{group id: the organisations sitting in it today}, whom the group's meeting and chair
    deadlines concern. One query, for every party's deadlines only: one organisation's are
    already narrowed to the groups it sits in."""
    found = defaultdict(set)
    members = scope.within(GroupMember.objects.current(today), "group__partnership_id")
    for group_id, organisation_id in members.order_by().values_list("group_id", "organisation_id"):
        found[group_id].add(organisation_id)
    return {group_id: frozenset(organisations) for group_id, organisations in found.items()}


def governance_deadlines(start, end, scope):
    """Three queries for every party's deadlines, whatever the number of partnerships (one for
    an organisation whose plans were already read for its portal)."""
    scope = DeadlineScope.of(scope)
    today = timezone.localdate()
    found = []
    by_pk = scope.by_pk
    late_title = Title(
        gettext_noop("%(group)s är försenad med sitt möte (skulle ha mötts senast %(due)s)")
    )
    due_title = Title(gettext_noop("%(group)s ska mötas senast"))
    term_title = Title(gettext_noop("Ordförandes mandatperiod slutar i %(group)s (%(name)s)"))
    seen = set()
    sitting = _sitting_organisations(scope, today) if scope.all_parties else None
    over = _partnerships_over(scope, today)
    for group in _groups_with_ending_terms(scope, start, end, today):
        if group.partnership_id not in by_pk:  # made since the scope was read
            continue
        concerns = sitting.get(group.pk, NOBODY) if sitting is not None else {scope.organisation_id}
        url = reverse_lazy("governance:group_detail", args=[group.pk])
        partnership = by_pk[group.partnership_id]
        partnership_title = partnership.title
        if group.term_end is not None:
            found.append(
                Deadline(
                    due=group.term_end,
                    kind="chair_term_end",
                    **term_title(group=group.name, name=group.term_member),
                    partnership_id=group.partnership_id,
                    partnership_title=partnership_title,
                    organisation_ids=concerns,
                    url=url,
                    # Done once the next chair is recorded, or when the agreement ends first.
                    done=group.term_taken_over
                    or group.term_end
                    >= period_rules.last_possible_end(by_pk[group.partnership_id]),
                )
            )
        if group.pk in seen:
            continue
        seen.add(group.pk)
        status = rules.cadence_status(
            group,
            last_meeting=group.last_meeting,
            next_scheduled=group.next_meeting,
            partnership_over=group.partnership_id in over,
            ends_on=partnership.end_date,
            today=today,
        )
        if status.due is None:
            continue
        if status.is_overdue(today):
            title = late_title(group=group.name, due=status.due.isoformat())
        else:
            title = due_title(group=group.name)
        found.append(
            Deadline(
                due=status.due,
                kind="meeting_due",
                **title,
                partnership_id=group.partnership_id,
                partnership_title=partnership_title,
                organisation_ids=concerns,
                url=url,
                done=status.planned_in_time,
            )
        )
    if scope.all_parties:
        plans = (
            scope.within(
                RemediationPlan.objects.filter(due_on__gte=start, due_on__lte=end),
                "group__partnership_id",
            )
            .select_related("group", "organisation")
            .only(
                "pk",
                "organisation_id",
                "due_on",
                "status",
                "group__partnership_id",
                "organisation__name",
            )
        )
    else:
        plans = [
            plan
            for plan in organisation_plans(scope)
            if start <= plan.due_on <= end and plan.group.partnership_id in by_pk
        ]
    plan_title = Title(gettext_noop("Åtgärdsplan ska lämnas av %(org)s"))
    for plan in plans:
        partnership_id = plan.group.partnership_id
        if partnership_id not in by_pk:
            continue
        found.append(
            Deadline(
                due=plan.due_on,
                kind="remediation_plan_due",
                **plan_title(org=plan.organisation.name),
                partnership_id=partnership_id,
                partnership_title=by_pk[partnership_id].title,
                organisation_ids=frozenset({plan.organisation_id}),
                url=reverse_lazy("governance:remediation_detail", args=[plan.pk]),
                done=plan.status != RemediationPlan.Status.REQUESTED,
            )
        )
    return found
