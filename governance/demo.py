"""Demo groups for both demo partnerships (partnerships/demo/data.py GROUPS), with members,
set up on the day each partnership started; then the meetings each group held by its cadence up
to the day the demo is loaded (minutes approved), and the next one planned while it runs.

Who is who in the demo:
- `handlaggare` (Hanna Handläggare, socialförvaltningen) sits in every group for the city and is
  first in the Bostad Först steering group's chair rotation (three-month terms, then the
  Enhetschef and Street Minds' representative in turn), so who chairs depends on the day.
- `streetminds` (Sam Företrädare) represents Street Minds in both Bostad Först groups.
- `raddabarnen` (Rut Företrädare) represents Rädda Barnen in both ensamkommande groups and chairs
  the ensamkommande steering group's current term.
The other members are named by their role only (no real people).
"""

from datetime import date, time, timedelta

from dateutil.relativedelta import relativedelta

from governance.models import Group, GroupMember, Meeting, Minutes
from governance.services.groups import (
    chair_appoint,
    chair_on,
    chair_rotate,
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
from partnerships.demo.clock import on_day
from partnerships.models import Participation, Partnership

REASON = "Demodata: grupp enligt avtalet"
MEETING_REASON = "Demodata: mötet hölls och protokollet justerades"
CHAIR_REASON = "Demodata: ordförande enligt turordningen"
VOTING_ROLES = (GroupMember.Role.REPRESENTATIVE, GroupMember.Role.CHAIR)
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


def _first_meeting(ctx, group, members):
    """Bostad Först's first steering group meeting, held and approved, as the agreement asks."""
    actor = ctx.actor
    day = date(2023, 8, 15)
    if day > ctx.today:
        return
    with on_day(day - timedelta(days=14)):
        chair_appoint(
            group=group, member=members[0], start=day, actor=actor, reason="Demodata: första mötet"
        )
        meeting = _schedule(ctx, group, day)
    with on_day(day):
        _first_meeting_items(ctx, meeting, members)
    _approve(ctx, meeting, members)


def _schedule(ctx, group, day):
    return meeting_schedule(
        group=group,
        date=day,
        start_time=time(13, 0),
        end_time=time(15, 0),
        place="Socialförvaltningen, Swedenborgsgatan 20",
        actor=ctx.actor,
        reason=REASON,
    )


def _first_meeting_items(ctx, meeting, members):
    actor = ctx.actor
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


def _approve(ctx, meeting, members, reason=REASON):
    """The minutes adjusted a few days after the meeting: the adjuster is a party's member
    other than the chair; each approves with their own account, as they would (see
    minutes_approve), or the system records it for a member without one."""
    with on_day(min(meeting.date + timedelta(days=5), ctx.today)):
        chair = chair_on(meeting.group, meeting.date)
        adjuster = next(
            (m for m in members if m.user and m.user.username in NGO_USERS and m != chair),
            next(m for m in members if m != chair),
        )
        minutes = minutes_set_adjuster(
            meeting=meeting, adjuster=adjuster, actor=ctx.actor, reason=reason
        )
        for role, person in (("chair", minutes.chair), ("adjuster", minutes.adjuster)):
            who = person.user if person.can_log_in else ctx.actor
            minutes_approve(meeting=meeting, role=role, actor=who, reason=reason)
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
        with on_day(group.established_on):
            if group.kind == Group.Kind.COOPERATION and key in steering:
                group_update(group, reports_to=steering[key], actor=ctx.actor, reason=REASON)
            members = _members(ctx, key, group)
            voting = [m for m in members if m.has_vote and m.is_current(group.established_on)]
            chair_username = CHAIRS.get((key, group.kind))
            if chair_username:
                chair = next(m for m in voting if m.user and m.user.username == chair_username)
                voting.remove(chair)
                voting.insert(0, chair)
            rotation_set(group=group, members=voting, actor=ctx.actor, reason=REASON)
        if key == "bostad-forst" and group.kind == Group.Kind.STEERING:
            _first_meeting(ctx, group, voting)
        hold_meetings(ctx, group)


def _weekday(day):
    """The Tuesday of `day`'s week (groups meet on weekdays)."""
    return day - timedelta(days=day.weekday()) + timedelta(days=1)


def _ensure_chair(ctx, group, day):
    """A chair term covering `day`, by the rotation, started on its own day."""
    if chair_on(group, day) is not None or not group.chair_term_months:
        return
    last = group.chair_terms.order_by("-start").first()
    start = last.end + timedelta(days=1) if last and last.end else group.established_on
    while start <= day:
        with on_day(start):
            term = chair_rotate(group=group, term_start=start, actor=ctx.actor, reason=CHAIR_REASON)
        start = term.end + timedelta(days=1)


def hold_meetings(ctx, group):
    """The group's meetings by its cadence, a week before each is due, from its start until the
    day the demo is loaded or the agreement's end: held, minuted and approved, each on its own
    day. While the agreement runs, the next meeting is planned (an open item)."""
    partnership = Partnership.objects.get(pk=group.partnership_id)
    last_day = min(partnership.end_as_of(ctx.today), ctx.today - timedelta(days=1))
    while True:
        last = group.meetings.order_by("-date").values_list("date", flat=True).first()
        base = last or group.established_on
        months = group.cadence_months_at(base)
        if not months:
            return
        day = _weekday(base + relativedelta(months=months) - timedelta(days=7))
        if day <= base:
            day = base + timedelta(days=7)
        if day > last_day:
            break
        _ensure_chair(ctx, group, day)
        with on_day(day - timedelta(days=14)):
            meeting = _schedule(ctx, group, day)
            agenda_item_add(
                meeting=meeting, title="Verksamhetens läge", actor=ctx.actor, reason=MEETING_REASON
            )
        members = list(group.members.current(day).filter(role__in=VOTING_ROLES))
        with on_day(day):
            attendance_record(
                meeting=meeting, present=members, actor=ctx.actor, reason=MEETING_REASON
            )
            item = meeting.items.get()
            item_minutes_update(
                item,
                minutes_text="Demodata: parterna redogjorde för verksamheten sedan förra mötet.",
                actor=ctx.actor,
                reason=MEETING_REASON,
            )
            meeting_set_status(
                meeting, status=Meeting.Status.HELD, actor=ctx.actor, reason=MEETING_REASON
            )
        _approve(ctx, meeting, members, reason=MEETING_REASON)
    # The rotation goes on between the meetings, up to today or the agreement's end.
    _ensure_chair(ctx, group, min(last_day, partnership.end_as_of(ctx.today)))
    if partnership.status_on(ctx.today) != Partnership.Status.ENDED:
        with on_day(ctx.today):
            _schedule(ctx, group, max(day, ctx.today + timedelta(days=1)))
