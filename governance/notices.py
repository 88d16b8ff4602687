"""The notice (kallelse): an e-mail to every member with the agenda and an .ics invitation."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from iop.mail import mail_queue
from iop.models import OutgoingMail

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def meeting_ics(meeting, items, members, chair=None):
    """An iCalendar invitation with the meeting in Europe/Stockholm and its VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", "-//Stockholms stad//IOP styrning//SV")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", f"iop-meeting-{meeting.pk}@{settings.SITE_URL.split('://')[-1]}")
    start = datetime.combine(meeting.date, meeting.start_time, tzinfo=STOCKHOLM)
    end = (
        datetime.combine(meeting.date, meeting.end_time, tzinfo=STOCKHOLM)
        if meeting.end_time
        else start + timedelta(hours=2)
    )
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("dtstamp", timezone.now())
    event.add("sequence", meeting.history.count())
    event.add("summary", f"{meeting.group.name}: {meeting.group.partnership.title}")
    event.add("location", meeting.place or meeting.link)
    if meeting.link:
        event.add("url", meeting.link)
    agenda = "\n".join(f"§ {item.number} {item.title}" for item in items)
    event.add("description", agenda)
    if chair and chair.email:
        organizer = vCalAddress(f"mailto:{chair.email}")
        organizer.params["cn"] = vText(chair.name)
        event["organizer"] = organizer
    for member in members:
        if member.email:
            attendee = vCalAddress(f"mailto:{member.email}")
            attendee.params["cn"] = vText(member.name)
            attendee.params["role"] = vText("REQ-PARTICIPANT")
            event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def send_notice(meeting, items, members, chair):
    recipients = [m.email for m in members if m.email]
    context = {
        "meeting": meeting,
        "items": items,
        "chair": chair,
        "url": settings.SITE_URL + reverse("governance:meeting_detail", args=[meeting.pk]),
    }
    # Plain text, so the template does not escape (a group "A & B" stays "A & B"), and one line:
    # a header cannot hold a line break that a group's name might carry.
    subject = " ".join(render_to_string("governance/email/notice_subject.txt", context).split())
    message = EmailMessage(
        subject=subject,
        body=render_to_string("governance/email/notice_body.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=[chair.email] if chair and chair.email else None,
    )
    message.attach(
        "kallelse.ics",
        meeting_ics(meeting, items, members, chair),
        "text/calendar; method=REQUEST; charset=utf-8",
    )
    mail_queue(message, kind=OutgoingMail.Kind.NOTICE)
    return recipients
