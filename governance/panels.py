"""The governance section on the partnership page: its groups and their upcoming meetings."""

from html import escape

from django.db.models import DateField
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from governance import rules
from governance.deadlines import groups_with_meeting_dates
from governance.models import Group, Meeting
from governance.permissions import visible_groups
from iop.prepared import Param, PreparedQuery, url_for_each
from iop.table_html import cell_labels
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
        context={"rows": rows, "rows_html": group_rows_html(rows), "partnership": partnership},
    )


def group_rows_html(rows):
    """The rows of the groups table, written here rather than in the template (as the
    overview's parties and bilagor are): each group's and meeting's URL reversed once a page,
    each kind named once. Every value is escaped."""
    group_url = url_for_each("governance:group_detail")
    meeting_url = url_for_each("governance:meeting_detail")
    overdue_label = escape(_("försenad"))
    over_label = escape(_("Inget möte krävs, partnerskapet är avslutat"))
    due_at, meetings_at = cell_labels(_("Nästa möte senast"), _("Planerade möten"))
    kinds = {}
    lines = []
    for row in rows:
        group, due = row["group"], row["cadence"].due
        if group.kind not in kinds:
            kinds[group.kind] = escape(str(dict(Group.Kind.choices).get(group.kind, group.kind)))
        cadence = row["cadence"]
        if due is None and cadence.partnership_over:
            due_html = f'<span class="muted">{over_label}</span>'
        elif due is None and cadence.ends_first:
            ends = _("Inget möte krävs före avtalets slut %(end)s") % {
                "end": cadence.ends_first.isoformat()
            }
            due_html = f'<span class="muted">{escape(ends)}</span>'
        elif due is None:
            due_html = "–"
        elif row["overdue"]:
            due_html = f'<span class="overdue">{due.isoformat()}</span> ({overdue_label})'
        else:
            due_html = f"<span>{due.isoformat()}</span>"
        meetings = ", ".join(
            f'<a href="{meeting_url(meeting.pk)}">{meeting.date.isoformat()} '
            f"{meeting.start_time.strftime('%H:%M') if meeting.start_time else ''}</a>"
            for meeting in group.upcoming
        )
        lines.append(
            f'<tr><td><a href="{group_url(group.pk)}">{escape(group.name)}</a>'
            f'<div class="muted">{kinds[group.kind]}</div></td>'
            f'<td class="nowrap"{due_at}>{due_html}</td><td{meetings_at}>{meetings or "–"}</td></tr>'
        )
    return mark_safe("\n".join(lines))
