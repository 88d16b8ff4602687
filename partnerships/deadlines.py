"""The deadlines engine: every upcoming date derived from the data, from every app.

Each app registers a source with `register_deadline_source`. A source is
`fn(start: date, end: date, partnerships: QuerySet[Partnership]) -> Iterable[Deadline]` and must
run a fixed number of queries however many partnerships it is given. The dashboard, the personal
iCalendar feed and the reminder e-mails all read `deadlines_between`.
"""

from dataclasses import dataclass, field
from datetime import date

_SOURCES = []


@dataclass(frozen=True)
class Deadline:
    due: date
    kind: str  # stable key, e.g. "notice_last_day", "report_due", "meeting_overdue"
    title: str  # Swedish, shown to users
    partnership_id: int | None = None
    partnership_title: str = ""
    # The organisations this deadline concerns; empty means every party of the partnership.
    organisation_ids: frozenset = field(default_factory=frozenset)
    url: str = ""
    done: bool = False

    @property
    def uid(self):
        """Stable identifier for calendar feeds."""
        return f"{self.kind}-{self.partnership_id or 0}-{self.due.isoformat()}-{abs(hash(self.title)) % 10**8}"

    def is_overdue(self, today):
        return not self.done and self.due < today

    def concerns(self, organisation_id):
        return not self.organisation_ids or organisation_id in self.organisation_ids


def register_deadline_source(source):
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def deadlines_between(start, end, *, partnerships=None, user=None, kinds=None):
    """All deadlines due from `start` to `end` inclusive, for the partnerships the user may see."""
    from partnerships.models import Partnership

    if partnerships is None:
        partnerships = Partnership.objects.all()
    if user is not None:
        partnerships = partnerships.visible_to(user)
    found = []
    for source in _SOURCES:
        for deadline in source(start, end, partnerships):
            if start <= deadline.due <= end and (kinds is None or deadline.kind in kinds):
                found.append(deadline)
    if user is not None and not user.is_administration:
        found = [d for d in found if d.concerns(user.organisation_id)]
    return sorted(found, key=lambda d: (d.due, d.partnership_title, d.title))
