"""What a deadline is and whose are wanted: every upcoming date derived from the data.

Each app has a source, `fn(start: date, end: date, scope: DeadlineScope) -> Iterable[Deadline]`,
that must run a fixed number of queries however many partnerships the scope holds (sources also
accept a queryset or a list of partnerships and wrap it with `DeadlineScope.of`). iop/deadlines.py
lists the sources; the dashboard, the personal iCalendar feed, the reminder e-mails and the NGO
portal all read its `deadlines_between`.

The scope reads the partnerships once for every source (and for the page showing the deadlines),
and tells sources whose deadlines are wanted: every party's (förvaltningen) or one
organisation's, so that a source can leave the others out already in SQL. A source and a page
from the same app can share a loader through `DeadlineScope.shared`.
"""

import hashlib
from collections import namedtuple
from datetime import date
from functools import cached_property
from typing import NamedTuple

from django.db.models import QuerySet
from django.utils.translation import gettext

from partnerships import agreement_year
from partnerships.models import Partnership
from partnerships.models.deadlines import is_late, title_text
from partnerships.period_rules import RULE_FIELDS


# A named tuple: made by the thousand (2,000 for Kommande at 10×), and a frozen dataclass
# takes three times as long to make (each field set through object.__setattr__).
class Deadline(NamedTuple):
    due: date
    kind: str  # stable key, e.g. "notice_last_day", "report_due", "meeting_overdue"
    # In the site's language (Swedish), as stored and ordered by; `shown_title` is what users
    # read: `title_msgid` and `title_params` in their language (see `Title`).
    title: str
    partnership_id: int | None = None
    partnership_title: str = ""
    # The organisations this deadline concerns; empty means every party of the partnership.
    organisation_ids: frozenset = frozenset()
    # A string, or a lazy one (reverse_lazy): most deadlines of a long list are never shown, so
    # sources need not resolve a URL for each of thousands.
    url: str = ""
    done: bool = False
    # Whose it is, when one partnership has a row per party (staff's list of reports).
    party_name: str = ""
    title_msgid: str = ""
    title_params: dict | None = None

    @property
    def shown_title(self):
        """The title in the active language (`title_text`)."""
        return title_text(self.title_msgid, self.title_params) if self.title_msgid else self.title

    @property
    def uid(self):
        """The calendar feed's UID: the same deadline has the same UID in every request and
        process (Python's hash() of a str is not), so calendar apps update events, not add them."""
        key = f"{self.kind}|{self.partnership_id}|{self.due.isoformat()}|{self.title}"
        if self.party_name:  # staff get a report per party with the same title
            key += f"|{self.party_name}"
        return hashlib.sha256(key.encode()).hexdigest()[:32] + "@iop"

    def is_overdue(self, today):
        return is_late(self.due, today, done=self.done)

    def concerns(self, organisation_id):
        return not self.organisation_ids or organisation_id in self.organisation_ids


class Title:
    """One kind of title a source gives, e.g. `Title(gettext_noop("Utbetalning till %(org)s"))`:
    called with the params, it gives a Deadline's `title` (translated into the active language,
    the site's when deadlines are computed, once per source call rather than once per
    deadline), `title_msgid` and `title_params` (stored, for `shown_title`)."""

    __slots__ = ("msgid", "text")

    def __init__(self, msgid):
        self.msgid = msgid
        self.text = gettext(msgid)

    def __call__(self, **params):
        shown = {
            name: title_text(*value) if isinstance(value, list) else value
            for name, value in params.items()
        }
        return {"title": self.text % shown, "title_msgid": self.msgid, "title_params": params}


# What the sources read of a partnership: its title and what its period rule is made of, not
# its agreement texts.
SCOPE_FIELDS = (
    "pk",
    "title",
    "status",
    "start_date",
    "end_date",
    *RULE_FIELDS,
    *agreement_year.FIELDS,
)
# A partnership as the scope reads it: a light record, not a model instance (300 at 10×).
ScopePartnership = namedtuple("ScopePartnership", SCOPE_FIELDS)


class DeadlineScope:
    """The partnerships whose deadlines are wanted, and for whom.

    `partnerships` is a queryset (read once when a source first asks, as `ScopePartnership`
    records of `SCOPE_FIELDS`) or a list of partnerships (or records). `user` is the person the deadlines are for: with none, or with
    förvaltningen staff, every party's deadlines are wanted (`all_parties`); otherwise only those
    that concern `organisation_id` (None for a user without an organisation: then only the
    deadlines that concern every party).
    """

    def __init__(self, partnerships, *, user=None):
        # Every partnership there is (förvaltningen's dashboard): sources then need no list of
        # hundreds of ids in their queries (see `within`).
        self.unrestricted = False
        if isinstance(partnerships, QuerySet):
            self.unrestricted = not partnerships.query.has_filters()
        self._partnerships = partnerships
        self.user = user
        self.all_parties = user is None or bool(user.is_administration)
        self.organisation_id = None if self.all_parties else user.organisation_id
        self._memo = {}

    @classmethod
    def for_user(cls, user=None, queryset=None):
        """The partnerships `user` may see (all of them without a user), from `queryset`."""
        queryset = queryset if queryset is not None else Partnership.objects.all()
        if user is not None:
            queryset = queryset.visible_to(user)
        return cls(queryset, user=user)

    @classmethod
    def of(cls, partnerships):
        """A source called directly with a queryset or list: every party's deadlines."""
        return partnerships if isinstance(partnerships, cls) else cls(partnerships)

    @cached_property
    def partnerships(self):
        if isinstance(self._partnerships, QuerySet):
            rows = self._partnerships.values_list(*SCOPE_FIELDS)
            return [ScopePartnership(*row) for row in rows]
        return list(self._partnerships)

    @cached_property
    def by_pk(self):
        return {partnership.pk: partnership for partnership in self.partnerships}

    @property
    def ids(self):
        return list(self.by_pk)

    def within(self, queryset, path="partnership_id", pks=None):
        """`queryset` narrowed to rows whose partnership id (reached through `path`) is in `pks`
        (default: the scope's); not narrowed at all when the scope holds every partnership and
        no `pks` are given. Rows may then name a partnership made after the scope was read:
        sources skip partnerships missing from `by_pk`."""
        if pks is None and self.unrestricted:
            return queryset
        return queryset.filter(**{f"{path}__in": self.ids if pks is None else pks})

    def narrowed(self, pks):
        """The same viewer, only the partnerships in `pks` (of those already read)."""
        return DeadlineScope([p for p in self.partnerships if p.pk in pks], user=self.user)

    def shared(self, key, loader):
        """`loader()`, run once per scope for `key`: a page and a source of the same app that
        need the same rows read them once."""
        if key not in self._memo:
            self._memo[key] = loader()
        return self._memo[key]
