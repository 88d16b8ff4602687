"""Writes to governance meetings: scheduling, the agenda (§ numbering per group and year), the
minutes text of each §, attendance and the notice. Each function runs in one transaction and
records who and why."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import AgendaItem, Attendance, Escalation, Group, Meeting, Minutes
from governance.notices import send_notice
from governance.services.groups import apply_fields, chair_on
from iop.batching import batched
from iop.concurrency import UNCHECKED, save_checked
from iop.history import save_with_history
from partnerships.grants import is_administration
from partnerships.transitions import transition

# --- Meetings and agenda -----------------------------------------------------------------


def _lock_group(group):
    """Serialise § numbering per group (a row lock on PostgreSQL; SQLite locks the database)."""
    Group.objects.select_for_update().filter(pk=group.pk).first()


def place_escalations(meeting, *, actor, reason):
    for escalation in Escalation.objects.filter(
        to_group=meeting.group, status=Escalation.Status.RAISED
    ).order_by("raised_on", "pk"):
        _add_item(
            meeting,
            title=escalation.title,
            description=escalation.description,
            proposed_by=None,
            escalation=escalation,
            actor=actor,
            reason=reason,
        )
        transition(escalation, Escalation.Status.ON_AGENDA, actor=actor, reason=reason)


@transaction.atomic
def meeting_schedule(*, group, actor, reason, **fields) -> Meeting:
    meeting = save_with_history(Meeting(group=group, **fields), actor=actor, reason=reason)
    place_escalations(meeting, actor=actor, reason=reason)
    return meeting


def _locked(obj):
    """`obj`'s row as it is now, locked until the transaction commits. A service decides on it
    and saves it with only the fields it changes, so a copy read before someone else's change
    (a page opened before the meeting was held) neither passes the check nor writes that
    change back."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def _refresh(obj, row):
    """Give the caller's copy the values the row was saved with (as `transition` does)."""
    for field in type(row)._meta.concrete_fields:
        setattr(obj, field.attname, getattr(row, field.attname))
    return obj


@transaction.atomic
def meeting_update(meeting, *, actor, reason, **fields) -> Meeting:
    row = _locked(meeting)
    if not row.is_editable:
        raise ValidationError(_("Bara ett planerat möte kan ändras."))
    save_with_history(apply_fields(row, fields), actor=actor, reason=reason)
    return _refresh(meeting, row)


@transaction.atomic
def meeting_set_status(meeting, *, status, actor, reason) -> Meeting:
    transition(meeting, status, actor=actor, reason=reason)
    if status == Meeting.Status.CANCELLED:
        # Questions from the cooperation group wait for the steering group's next meeting.
        for item in meeting.items.filter(escalation__status=Escalation.Status.ON_AGENDA):
            transition(item.escalation, Escalation.Status.RAISED, actor=actor, reason=reason)
            item.escalation = None
            save_with_history(item, actor=actor, reason=reason)
    return meeting


def held_through_reason(through, note=""):
    """The one history reason of a catch-up step for meetings."""
    reason = _("Registrerat i efterhand: möten genomförda t.o.m. %(day)s") % {
        "day": through.isoformat()
    }
    return f"{reason}. {note}" if note else reason


@transaction.atomic
@batched()  # the partnership's deadlines refreshed once, in this transaction
def meetings_mark_held_through(*, partnership, through, actor, note=""):
    """An agreement registered as it stands: every planned meeting of the partnership's groups
    up to `through` becomes held, each through the meeting's `hold` step with one reason for
    the whole step. Later meetings and cancelled ones are left as they are; a second run finds
    nothing. Staff only."""
    if not is_administration(actor):
        raise PermissionDenied
    meetings = Meeting.objects.filter(
        group__partnership=partnership, status=Meeting.Status.SCHEDULED, date__lte=through
    ).order_by("date", "start_time", "pk")
    reason = held_through_reason(through, note)
    return [transition(meeting, "hold", actor=actor, reason=reason) for meeting in meetings]


def current_minutes(meeting):
    return meeting.minutes_versions.order_by("-version").first()


def editable_minutes(meeting):
    """The draft minutes of the meeting (created on first use); refuses approved minutes."""
    minutes = current_minutes(meeting)
    if minutes is None:
        return Minutes(meeting=meeting, version=1)
    if minutes.is_locked:
        raise ValidationError(
            _("Protokollet är justerat och låst. Gör en rättelse för att ändra det.")
        )
    return minutes


def _add_item(meeting, *, title, description, proposed_by, escalation, actor, reason):
    _lock_group(meeting.group)
    year = meeting.date.year
    last = AgendaItem.objects.filter(group=meeting.group, year=year).aggregate(n=Max("number"))
    return save_with_history(
        AgendaItem(
            meeting=meeting,
            group=meeting.group,
            year=year,
            number=(last["n"] or 0) + 1,
            title=title,
            description=description,
            proposed_by=proposed_by,
            escalation=escalation,
        ),
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def agenda_item_add(*, meeting, title, description="", actor, reason) -> AgendaItem:
    """Add a § to the meeting's agenda; the number runs per group and calendar year."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Mötet är inställt."))
    editable_minutes(meeting)
    return _add_item(
        meeting,
        title=title,
        description=description,
        proposed_by=actor,
        escalation=None,
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def item_minutes_update(item, *, minutes_text, actor, reason, version=UNCHECKED) -> AgendaItem:
    """The minutes text of one §; refused (nothing written) if someone else saved this § after
    `version` was read."""
    minutes = editable_minutes(item.meeting)
    item.minutes_text = minutes_text
    if minutes.pk is None:
        save_with_history(minutes, actor=actor, reason=reason)
    return save_checked(item, version=version, actor=actor, reason=reason)


@transaction.atomic
def attendance_record(*, meeting, present, actor, reason):
    """Record who of the group's members were present (`present`: members); the rest absent."""
    editable_minutes(meeting)
    present_ids = {member.pk for member in present}
    existing = {a.member_id: a for a in meeting.attendance.all()}
    for member in meeting.group.members.current(meeting.date):
        row = existing.get(member.pk) or Attendance(meeting=meeting, member=member)
        is_present = member.pk in present_ids
        if row.pk is None or row.present != is_present:
            row.present = is_present
            save_with_history(row, actor=actor, reason=reason)


@transaction.atomic
def meeting_send_notice(*, meeting, actor, reason) -> list:
    """E-mail the notice to every current member; the chair (or staff for the chair) sends it.
    Sent for the meeting as it is now (its date, time and place), not as the page read it."""
    row = _locked(meeting)
    if row.status != Meeting.Status.SCHEDULED:
        raise ValidationError(_("Kallelse kan bara skickas till ett planerat möte."))
    chair = chair_on(row.group, row.date)
    if not (actor.is_administration or (chair and chair.user_id == actor.pk)):
        raise ValidationError(_("Det är ordföranden som skickar kallelsen."))
    members = list(row.group.members.current(row.date))
    if not any(m.email for m in members):
        raise ValidationError(_("Ingen ledamot har en e-postadress."))
    items = list(row.items.order_by("number"))
    recipients = send_notice(row, items, members, chair)
    row.notice_sent_at = timezone.now()
    save_with_history(row, actor=actor, reason=reason)
    _refresh(meeting, row)
    return recipients
