"""Governance on a partnership's history timeline: its groups, members, meetings and decisions."""

from django.db.models import Q
from django.utils.translation import gettext as _

from governance.models import Decision, Group, GroupMember, Meeting
from partnerships.history.sources import Source


def _meeting_label(row, fk_labels):
    return str(_("Möte %(date)s") % {"date": row.date.isoformat()})


SOURCES = (
    Source(Group, lambda pk: Q(partnership_id=pk)),
    Source(GroupMember, lambda pk: Q(group__partnership_id=pk), lambda row, fk: row.name),
    Source(Meeting, lambda pk: Q(group__partnership_id=pk), _meeting_label),
    Source(Decision, lambda pk: Q(item__group__partnership_id=pk), lambda row, fk: row.text[:80]),
)
