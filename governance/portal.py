"""Governance on the NGO representative's portal home: remediation plans asked of their
organisation and the next meetings of the groups it sits in. One query each; the plans are
the ones the governance deadlines read for the same page (see deadlines.organisation_plans)."""

from html import escape

from django.db.models import DateField
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from governance.deadlines import organisation_plans
from governance.models import Meeting, RemediationPlan
from governance.permissions import visible_groups
from iop.prepared import Param, PreparedQuery, Viewer, url_for_each
from reporting.portal import PortalSection

UPCOMING_MEETINGS = 10
OPEN = (RemediationPlan.Status.REQUESTED, RemediationPlan.Status.REJECTED)


def remediation_section(request, page):
    user = request.user
    if user.is_administration or not user.organisation_id:
        return None
    plans = [
        plan for plan in organisation_plans(page.scope) if plan.status in OPEN and plan.in_my_groups
    ]
    return PortalSection(
        anchor="atgardsplaner",
        title=_("Begärda åtgärdsplaner"),
        template="governance/portal_remediation.html",
        context={"plans": plans, "today": page.today},
    )


def _upcoming_meetings():
    today = Param("today", DateField())
    return (
        Meeting.objects.filter(
            group__in=visible_groups(Viewer(), on=today),
            status=Meeting.Status.SCHEDULED,
            date__gte=today,
        )
        .select_related("group__partnership")
        .only(
            "pk",
            "date",
            "start_time",
            "place",
            "group_id",
            "group__name",
            "group__partnership_id",
            "group__partnership__title",
        )
        .order_by("date", "start_time")[:UPCOMING_MEETINGS]
    )


# Compiled once per process (iop/prepared.py), narrowed to the viewer's groups as
# `Group.visible_to` narrows them.
UPCOMING_MEETINGS_QUERY = PreparedQuery(_upcoming_meetings)


def meetings_section(request, page):
    user = request.user
    if user.is_administration or not user.organisation_id:
        return None
    meetings = UPCOMING_MEETINGS_QUERY.list(**Viewer.values(user), today=page.today)
    return PortalSection(
        anchor="moten",
        title=_("Kommande möten i mina grupper"),
        template="governance/portal_meetings.html",
        context={"meetings": meetings, "items": meeting_items(meetings)},
    )


def meeting_items(meetings):
    """The meetings as list items, written here (as the portal home's other lists are): each
    meeting's URL reversed once a page rather than once a meeting. Every value is escaped."""
    url = url_for_each("governance:meeting_detail")
    items = []
    for meeting in meetings:
        group = meeting.group
        time = meeting.start_time.strftime("%H:%M") if meeting.start_time else ""
        place = f", {escape(meeting.place)}" if meeting.place else ""
        items.append(
            f'  <li><a href="{url(meeting.pk)}">{meeting.date.isoformat()} {time} – '
            f"{escape(group.name)}</a>, {escape(group.partnership.title)}{place}</li>"
        )
    return mark_safe("\n".join(items))
