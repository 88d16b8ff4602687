"""The governance section on the partnership page: its groups and their upcoming meetings."""

from django.db.models import DateField
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import rules
from governance.deadlines import groups_with_meeting_dates
from governance.models import Group, Meeting
from governance.permissions import visible_groups
from iop.prepared import Param, PreparedQuery
from partnerships.permissions import is_administration
from partnerships.tabs import Panel

# Compiled once (iop/prepared.py). Staff see every group (`Group.objects.visible_to`), so their
# query has no user in it; a representative's is built from `visible_groups` each time. The
# groups in the order they were set up (the steering group first, as a rule).
_STAFF_GROUPS = PreparedQuery(
    lambda: groups_with_meeting_dates(
        Group.objects.filter(partnership_id=Param("partnership")), Param("today", DateField())
    ).order_by("pk")
)
_UPCOMING = PreparedQuery(
    lambda: Meeting.objects.filter(
        group__partnership_id=Param("partnership"),
        status=Meeting.Status.SCHEDULED,
        date__gte=Param("today", DateField()),
    ).order_by("date", "start_time")
)


def groups_panel(request, partnership):
    """Two queries: the groups (with cadence dates) and their upcoming meetings."""
    today = timezone.localdate()
    if is_administration(request.user):
        groups = _STAFF_GROUPS.list(partnership=partnership.pk, today=today)
    else:
        groups = list(
            groups_with_meeting_dates(
                visible_groups(request.user).filter(partnership=partnership), today
            ).order_by("pk")
        )
    upcoming = {}
    for meeting in _UPCOMING.list(partnership=partnership.pk, today=today):
        upcoming.setdefault(meeting.group_id, []).append(meeting)
    rows = []
    # Nothing is due of the groups of a partnership that is over (issue 14).
    limits = rules.partnership_cadence_limits(partnership, today)
    for group in groups:
        group.upcoming = upcoming.get(group.pk, [])
        status = rules.cadence_status(
            group, last_meeting=group.last_meeting, next_scheduled=group.next_meeting, **limits
        )
        rows.append({"group": group, "cadence": status, "overdue": status.is_overdue(today)})
    return Panel(
        anchor="styrning",
        title=_("Styrning och samverkan"),
        template="governance/partials/partnership_panel.html",
        context={"rows": rows, "partnership": partnership},
    )
