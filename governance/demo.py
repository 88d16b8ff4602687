"""Demo groups for both demo partnerships (partnerships/demo/data.py GROUPS), with members.

Who is who in the demo:
- `handlaggare` (Hanna Handläggare, socialförvaltningen) sits in every group for the city and is
  the chair of the Bostad Först steering group for the current three-month term (rotation), so
  she can send notices and approve minutes there.
- `streetminds` (Sam Företrädare) represents Street Minds in both Bostad Först groups.
- `raddabarnen` (Rut Företrädare) represents Rädda Barnen in both ensamkommande groups and chairs
  the ensamkommande steering group's current term.
The other members are named by their role only (no real people).
"""

from datetime import date, time

from django.utils import timezone

from governance.models import ChairTerm, Group, GroupMember, Meeting, Minutes
from governance.services.groups import (
    chair_appoint,
    group_create,
    group_update,
    member_add,
    rotation_set,
)
from governance.services.meetings import (
    agenda_item_add,
    attendance_record,
    item_minutes_update,
    meeting_schedule,
    meeting_set_status,
)
from governance.services.minutes import decision_record, minutes_approve, minutes_set_adjuster
from partnerships.models import Participation

REASON = "Demodata: grupp enligt avtalet"
NGO_USERS = {"streetminds": "streetminds", "raddabarnen": "raddabarnen"}
CHAIRS = {("bostad-forst", "steering"): "handlaggare", ("ensamkommande", "steering"): "raddabarnen"}


def _user_member(ctx, group, username, org, since):
    user = ctx.users[username]
    return member_add(
        group=group,
        name=user.get_full_name(),
        email=user.email,
        user=user,
        organisation=org,
        from_date=since,
        actor=ctx.actor,
        reason=REASON,
    )


def _members(ctx, key, group):
    partnership = ctx.partnerships[key]
    since = group.established_on
    members = []
    city = ctx.organisations["sof"]
    members.append(_user_member(ctx, group, "handlaggare", city, since))
    if group.kind == Group.Kind.STEERING and (group.city_seats_max or 0) > 1:
        members.append(
            member_add(
                group=group,
                name="Enhetschef, socialförvaltningen",
                organisation=city,
                from_date=since,
                actor=ctx.actor,
                reason=REASON,
            )
        )
    parties = Participation.objects.filter(partnership=partnership).select_related("organisation")
    for participation in parties:
        org = participation.organisation
        if org.is_public:
            continue
        until = participation.left_on
        username = next((u for k, u in NGO_USERS.items() if ctx.organisations[k] == org), None)
        if username:
            members.append(_user_member(ctx, group, username, org, participation.joined_on))
        else:
            members.append(
                member_add(
                    group=group,
                    name=f"Representant för {org.name}",
                    organisation=org,
                    from_date=max(participation.joined_on, since),
                    to_date=until,
                    actor=ctx.actor,
                    reason=REASON,
                )
            )
    if group.kind == Group.Kind.COOPERATION:
        members.append(
            member_add(
                group=group,
                name="Uppsökarteamet",
                organisation=city,
                unit="Uppsökande enheten (ej part)",
                role=GroupMember.Role.ADJUNCT,
                from_date=since,
                actor=ctx.actor,
                reason=REASON,
            )
        )
    return members


def _current_term_start(today):
    """The first day of the current three-month term, counting quarters from January."""
    return date(today.year, ((today.month - 1) // 3) * 3 + 1, 1)


def _first_meeting(ctx, group, members):
    """Bostad Först's first steering group meeting, held and approved, as the agreement asks."""
    actor = ctx.actor
    day = date(2023, 8, 15)
    chair_appoint(
        group=group, member=members[0], start=day, actor=actor, reason="Demodata: första mötet"
    )
    meeting = meeting_schedule(
        group=group,
        date=day,
        start_time=time(13, 0),
        end_time=time(15, 0),
        place="Socialförvaltningen, Swedenborgsgatan 20",
        actor=actor,
        reason=REASON,
    )
    first = agenda_item_add(
        meeting=meeting, title="Val av ordförande och turordning", actor=actor, reason=REASON
    )
    second = agenda_item_add(
        meeting=meeting,
        title="Vad verksamhetsrapporteringen ska innehålla",
        actor=actor,
        reason=REASON,
    )
    attendance_record(meeting=meeting, present=members, actor=actor, reason=REASON)
    item_minutes_update(
        first,
        minutes_text="Ordförandeskapet roterar med tre månader i taget i den ordning som antecknas.",
        actor=actor,
        reason=REASON,
    )
    decision_record(
        item=first, text="Turordningen fastställs.", type="general", actor=actor, reason=REASON
    )
    item_minutes_update(
        second,
        minutes_text="Rapporterna ska redovisa antal besökare per kön och åldersgrupp samt "
        "synpunkter och klagomål.",
        actor=actor,
        reason=REASON,
    )
    decision_record(
        item=second,
        text="Verksamhetsrapporten ska innehålla antal besökare per kön och åldersgrupp.",
        type="report_contents",
        votes=dict.fromkeys(members, "for"),
        actor=actor,
        reason=REASON,
    )
    meeting_set_status(meeting, status=Meeting.Status.HELD, actor=actor, reason=REASON)
    adjuster = next(m for m in members if m.user and m.user.username == "streetminds")
    minutes = minutes_set_adjuster(meeting=meeting, adjuster=adjuster, actor=actor, reason=REASON)
    # Each approves with their own account, as they would (see minutes_approve).
    for role, person in (("chair", minutes.chair), ("adjuster", minutes.adjuster)):
        who = person.user if person.can_log_in else actor
        minutes_approve(meeting=meeting, role=role, actor=who, reason=REASON)
    assert meeting.minutes_versions.get().status == Minutes.Status.APPROVED


def load_governance_demo(ctx):
    if Group.objects.filter(partnership__in=ctx.partnerships.values()).exists():
        return
    steering = {}
    created = []
    for item in ctx.data.GROUPS:
        key = item["partnership"]
        partnership = ctx.partnerships[key]
        group = group_create(
            partnership=partnership,
            kind=item["kind"],
            name=item["name"],
            established_on=partnership.start_date,
            ngo_seats_per_party=item.get("seats_per_ngo"),
            city_seats_max=item.get("city_seats_max"),
            cadence_initial_months=item.get("cadence_initial_months"),
            cadence_initial_period_months=item.get("cadence_initial_period_months"),
            cadence_later_months=item.get("cadence_later_months"),
            chair_selection=item["chair_selection"],
            chair_term_months=item.get("chair_term_months"),
            decision_rule=item.get("decision_rule", "majority"),
            notes=item.get("notes", ""),
            actor=ctx.actor,
            reason=REASON,
        )
        if group.kind == Group.Kind.STEERING:
            steering[key] = group
        created.append((key, group))
    for key, group in created:
        if group.kind == Group.Kind.COOPERATION and key in steering:
            group_update(group, reports_to=steering[key], actor=ctx.actor, reason=REASON)
        members = _members(ctx, key, group)
        today = timezone.localdate()
        voting = [m for m in members if m.has_vote and m.is_current(today)]
        chair_username = CHAIRS.get((key, group.kind))
        if chair_username:
            chair = next(m for m in voting if m.user and m.user.username == chair_username)
            voting.remove(chair)
            voting.insert(0, chair)
        rotation_set(group=group, members=voting, actor=ctx.actor, reason=REASON)
        if key == "bostad-forst" and group.kind == Group.Kind.STEERING:
            _first_meeting(ctx, group, voting)
        if chair_username:
            chair_appoint(
                group=group,
                member=voting[0],
                start=_current_term_start(today),
                actor=ctx.actor,
                reason="Demodata: ordförande enligt turordningen",
            )
            assert ChairTerm.objects.filter(group=group).exists()
