"""The governance section on the partnership page: its groups and their upcoming meetings."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import rules
from governance.deadlines import groups_with_meeting_dates
from governance.models import Meeting
from governance.permissions import visible_groups
from partnerships.tabs import Panel


def groups_panel(request, partnership):
    """Two queries: the groups (with cadence dates) and their upcoming meetings."""
    today = timezone.localdate()
    upcoming = Meeting.objects.filter(status=Meeting.Status.SCHEDULED, date__gte=today).order_by(
        "date", "start_time"
    )
    groups = groups_with_meeting_dates(
        visible_groups(request.user).filter(partnership=partnership), today
    ).prefetch_related(Prefetch("meetings", queryset=upcoming, to_attr="upcoming"))
    rows = []
    for group in groups:
        status = rules.cadence_status(
            group, last_meeting=group.last_meeting, next_scheduled=group.next_meeting
        )
        rows.append({"group": group, "cadence": status, "overdue": status.is_overdue(today)})
    return Panel(
        anchor="styrning",
        title=_("Styrning och samverkan"),
        template="governance/partials/partnership_panel.html",
        context={"rows": rows, "partnership": partnership},
    )
