"""Every deadline the product knows, computed by each app's source in this order: the agreement's
lifecycle (partnerships), the groups (governance), the reports (reporting); stored in
`StoredDeadline` and read from there by Kommande, the calendar feed, the reminder e-mails and the
portal home.

The table is kept in step in the transaction of each write that changes a deadline
(iop/deadline_feeds.py): a save or delete of a model a deadline is computed from recomputes the
deadlines of its partnership, from the sources it feeds only, and syncs that partnership's rows
(`refresh`). What depends on the day rather than on a write (a group's meeting due by its
cadence, who sits in a group today, a last notice day once it has passed) is refreshed by the
daily `manage.py rebuild_deadlines`, which also proves the table equal to a full computation
(`--check`).

A loop that saves many rows of one partnership runs inside `batched()` (iop.batching): the
partnerships and sources its saves feed are collected and refreshed once, when the block ends,
in the same transaction.
"""

import json
from collections import Counter, defaultdict
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import DateField, QuerySet
from django.utils.translation import override

from governance import deadlines as governance_deadlines
from iop.batching import batched as batched  # `with deadlines.batched():` around a loop
from iop.prepared import InParam, Param, PreparedQuery
from partnerships import deadlines_lifecycle
from partnerships.deadlines import Deadline, DeadlineScope
from partnerships.models import (
    Partnership,
    StoredDeadline,
)
from reporting import deadlines as reporting_deadlines

LIFECYCLE, GOVERNANCE, REPORTING = "lifecycle", "governance", "reporting"

# (name, source, {kind: label}) — the labels show in the Kommande list and its filter.
SOURCES = (
    # notice and extension last days, notice periods, agreement ends, payments
    (LIFECYCLE, deadlines_lifecycle.lifecycle_deadlines, deadlines_lifecycle.KINDS),
    # meetings due by cadence, chair terms ending, remediation plans due
    (GOVERNANCE, governance_deadlines.governance_deadlines, governance_deadlines.KINDS),
    # activity reports, financial statements, half-year reports, annual compilations
    (REPORTING, reporting_deadlines.deadlines, reporting_deadlines.KINDS),
)
ALL = tuple(name for name, _source, _kinds in SOURCES)

KIND_LABELS = {kind: label for _name, _source, kinds in SOURCES for kind, label in kinds.items()}

# Stored rows cover each partnership's whole life: the sources are asked about every day there
# is (each stops at what the partnership can reach: its last possible end, its periods).
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)


def kind_label(kind):
    return str(KIND_LABELS.get(kind, kind.replace("_", " ")))


# --- Reading -------------------------------------------------------------------------------


def stored_between(start, end, *, partnerships=None, user=None, kinds=None):
    """The stored deadlines due from `start` to `end` inclusive (a `StoredDeadline` queryset,
    unordered), of the partnerships `user` may see and, for a representative, only those that
    concern their organisation.

    `partnerships` is a queryset (narrowed to what `user` may see), or a `DeadlineScope` already
    made for `user` (see `DeadlineScope.for_user`).
    """
    return stored_for(partnerships=partnerships, user=user, kinds=kinds).between(start, end)


def stored_for(*, partnerships=None, user=None, kinds=None):
    """`stored_between` on every day (Kommande adds its window and every overdue deadline)."""
    if isinstance(partnerships, DeadlineScope):
        scope = partnerships
        if getattr(scope.user, "pk", None) != getattr(user, "pk", None):
            raise ValueError("The scope was made for another user.")
    else:
        scope = DeadlineScope.for_user(user, partnerships)
    rows = StoredDeadline.objects.all()
    if isinstance(scope._partnerships, QuerySet):
        if not scope.unrestricted:
            rows = rows.filter(partnership_id__in=scope._partnerships.values("pk"))
    else:
        rows = rows.filter(partnership_id__in=scope.ids)
    if not scope.all_parties:
        rows = rows.concerning(scope.organisation_id)
    if kinds is not None:
        rows = rows.filter(kind__in=kinds)
    return rows


_ROW = (
    "pk",
    "due",
    "kind",
    "title",
    "partnership_id",
    "partnership_title",
    "url",
    "done",
    "party_name",
    "title_msgid",
    "title_params",
    "every_party",  # last: read as such below
)


def _organisation_stored():
    """`stored_between` for one organisation's scope read as a list (the portal home's)."""
    return (
        StoredDeadline.objects.between(Param("start", DateField()), Param("end", DateField()))
        .filter(InParam("partnership_id", "partnerships"))
        .concerning(Param("organisation"))
        .in_list_order()
        .values_list(*_ROW)
    )


# Compiled once per process (iop/prepared.py).
ORGANISATION_STORED = PreparedQuery(_organisation_stored)


def deadlines_between(start, end, *, partnerships=None, user=None, kinds=None):
    """All deadlines due from `start` to `end` inclusive, for the partnerships the user may see,
    as `Deadline`s in list order (see `stored_between`). One query for a representative, two
    for everyone else (the organisations each deadline concerns)."""
    scope = partnerships if isinstance(partnerships, DeadlineScope) else None
    if (
        scope is not None
        and kinds is None
        and not scope.all_parties
        and not isinstance(scope._partnerships, QuerySet)
        and getattr(scope.user, "pk", None) == getattr(user, "pk", None)
    ):
        # A representative's scope already read (and narrowed to what they may see): the
        # same rows as `stored_between`, from SQL compiled once.
        rows = ORGANISATION_STORED.rows(
            start=start, end=end, partnerships=scope.ids, organisation=scope.organisation_id
        )
    else:
        rows = list(
            stored_between(start, end, partnerships=partnerships, user=user, kinds=kinds)
            .in_list_order()
            .values_list(*_ROW)
        )
    organisation = getattr(user, "organisation_id", None)
    if user is not None and not user.is_administration:
        # Only their own and every party's were read: no need to read whose they are.
        concerns = {
            pk: frozenset() if every else frozenset({organisation}) for pk, *_r, every in rows
        }
    else:
        concerns = _organisations_of([pk for pk, *_rest in rows if not _rest[-1]])
    found = []
    for row in rows:
        pk, due, kind, title, partnership_id, partnership_title, url, done, party, *msg, every = row
        found.append(
            Deadline(
                due=due,
                kind=kind,
                title=title,
                partnership_id=partnership_id,
                partnership_title=partnership_title,
                organisation_ids=frozenset() if every else concerns.get(pk, NOBODY),
                url=url,
                done=done,
                # Staff get a report per party and are told whose; a representative, their own.
                party_name=party if user is None or user.is_administration else "",
                title_msgid=msg[0],
                title_params=msg[1],
            )
        )
    return found


# A deadline for none of the parties (förvaltningen's own): the sources say -1.
NOBODY = frozenset({-1})


def _organisations_of(pks):
    found = defaultdict(set)
    if pks:
        through = StoredDeadline.organisations.through.objects.filter(storeddeadline_id__in=pks)
        for pk, organisation_id in through.values_list("storeddeadline_id", "organisation_id"):
            found[pk].add(organisation_id)
    return {pk: frozenset(organisations) for pk, organisations in found.items()}


# --- Computing and storing -----------------------------------------------------------------

# A stored row as compared with a computed one: every column, and whom it concerns.
_COLUMNS = (
    "partnership_id",
    "source",
    "due",
    "kind",
    "title",
    "partnership_title",
    "url",
    "done",
    "party_name",
    "every_party",
    "title_msgid",
    "title_params",  # compared as JSON text (`_params_key`), stored as JSON
)


def _params_key(params):
    return json.dumps(params or {}, sort_keys=True, ensure_ascii=False)


def _key(source, deadline):
    organisations = frozenset(o for o in deadline.organisation_ids if o is not None and o > 0)
    return (
        deadline.partnership_id,
        source,
        deadline.due,
        deadline.kind,
        str(deadline.title),
        deadline.partnership_title,
        str(deadline.url),
        deadline.done,
        deadline.party_name,
        not deadline.organisation_ids,
        deadline.title_msgid,
        _params_key(deadline.title_params),
        organisations,
    )


def compute(partnership_ids=None, sources=ALL):
    """Counter of the keys (`_key`) of every deadline of the partnerships (all of them with
    `partnership_ids` None) from `sources`, over their whole life: what the table must hold.
    A fixed number of queries per source, however many partnerships."""
    queryset = Partnership.objects.all()
    if partnership_ids is not None:
        queryset = queryset.filter(pk__in=partnership_ids)
    scope = DeadlineScope(queryset)
    found = Counter()
    # Titles in the site's language, whoever's request made the write.
    with override(settings.LANGUAGE_CODE):
        for name, source, _kinds in SOURCES:
            if name in sources:
                found.update(_key(name, d) for d in source(EARLIEST, LATEST, scope))
    return found


def stored(partnership_ids=None, sources=ALL):
    """{key: [pk, ...]} of the stored rows of those partnerships and sources."""
    rows = StoredDeadline.objects.filter(source__in=sources)
    through = StoredDeadline.organisations.through.objects.filter(
        storeddeadline__source__in=sources
    )
    if partnership_ids is not None:
        rows = rows.filter(partnership_id__in=partnership_ids)
        through = through.filter(storeddeadline__partnership_id__in=partnership_ids)
    organisations = defaultdict(set)
    for pk, organisation_id in through.values_list("storeddeadline_id", "organisation_id"):
        organisations[pk].add(organisation_id)
    found = defaultdict(list)
    for pk, *columns, params in rows.values_list("pk", *_COLUMNS):
        found[(*columns, _params_key(params), frozenset(organisations.get(pk, ())))].append(pk)
    return found


def differences(partnership_ids=None, sources=ALL):
    """(missing, extra): the computed rows the table lacks (Counter of keys) and the stored
    rows a computation does not give ({key: [pk, ...]})."""
    wanted = compute(partnership_ids, sources)
    have = stored(partnership_ids, sources)
    missing, extra = Counter(), {}
    for key in wanted.keys() | have.keys():
        pks = have.get(key, [])
        surplus = len(pks) - wanted.get(key, 0)
        if surplus > 0:
            extra[key] = pks[:surplus]
        elif surplus < 0:
            missing[key] = -surplus
    return missing, extra


@transaction.atomic
def refresh(partnership_ids=None, sources=ALL):
    """Make the stored rows of those partnerships (all with None) and sources equal to a fresh
    computation: delete what is gone, insert what is new (a changed deadline is both), leave
    the rest. Idempotent; returns (inserted, deleted)."""
    missing, extra = differences(partnership_ids, sources)
    gone = [pk for pks in extra.values() for pk in pks]
    if gone:
        StoredDeadline.objects.filter(pk__in=gone).delete()
    new, concerns = [], []
    for key, count in missing.items():
        *columns, params, organisations = key
        for _i in range(count):
            new.append(
                StoredDeadline(
                    **dict(zip(_COLUMNS, columns, strict=False)), title_params=json.loads(params)
                )
            )
            concerns.append(organisations)
    if new:
        StoredDeadline.objects.bulk_create(new, batch_size=1000)
        through = StoredDeadline.organisations.through
        through.objects.bulk_create(
            [
                through(storeddeadline_id=row.pk, organisation_id=organisation_id)
                for row, organisations in zip(new, concerns, strict=True)
                for organisation_id in organisations
            ],
            batch_size=1000,
        )
    return len(new), len(gone)
