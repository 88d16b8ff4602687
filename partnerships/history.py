"""The history timeline of a partnership: every recorded change to it and to what belongs to it.

A timeline reads the historical tables it is given as `Source`s (the partnership page's list is
iop/pages/history.py; this app's own are `SOURCES` below), runs one query per source present on
a page, whatever the number of changes, and computes the field-level differences in Python by
comparing each version with the one before it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache

from django.core.paginator import Paginator
from django.db import connections, models, router
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from iop.templatetags.iop import kr
from iop.views_helpers import MAX_PAGE
from partnerships.models import (
    Amendment,
    Annex,
    Clause,
    CoFinancing,
    Commitment,
    CommitteeCase,
    CommitteeDecision,
    Compensation,
    Delegation,
    Extension,
    Goal,
    LifecycleStep,
    Notice,
    Organisation,
    Participation,
    Partnership,
    Payment,
    PaymentPlan,
    RepaymentClaim,
    Signature,
)

IGNORED_FIELDS = {"id", "created_at", "updated_at", "version"}
SHOWN_CHARACTERS = 400  # of a value in a diff
KIND_LABELS = {
    "+": gettext_lazy("Skapad"),
    "~": gettext_lazy("Ändrad"),
    "-": gettext_lazy("Borttagen"),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class TimelineEntry:
    when: datetime
    user: object
    reason: str
    kind: str
    model_label: str
    object_label: str
    changes: list = field(default_factory=list)

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    # The time in the page's time zone, written out here: the date filter costs a third of
    # rendering a page of fifty entries.
    @property
    def when_iso(self):
        return timezone.localtime(self.when).isoformat()

    @property
    def when_text(self):
        return timezone.localtime(self.when).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class Source:
    """`model`'s history on partnership timelines; `lookup(pk)` selects its rows.

    `lookup` must only put `pk` into a Q (or a subquery): the timeline's SQL is compiled once,
    with a placeholder for the pk."""

    model: type  # the tracked model, e.g. Commitment
    lookup: object  # partnership_id -> Q on the historical model
    label: object = None  # (historical row, fk_labels) -> str; default: its title or name


@cache
def historical_model(model):
    """`model`'s historical model. (`model.history` builds a new manager class on every access,
    about a millisecond each; a timeline needs it some thirty times.)"""
    return model.history.model


def _tracked_fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in IGNORED_FIELDS]


def _display(model_field, value, fk_labels):
    if value is None or value == "":
        return "–"
    if model_field.is_relation:
        return fk_labels.get((model_field.related_model, value), f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime):
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal):
        return kr(value)
    if isinstance(value, list | tuple):  # a JSON list (age bands, countries): as a list reads
        return ", ".join(str(item) for item in value) or "–"
    if isinstance(value, dict):  # a JSON object (figures, changes): "key: value; …"
        return "; ".join(f"{key}: {item}" for key, item in value.items()) or "–"
    return str(value)


def _shown(text):
    """The value as a diff shows it: long texts cut after SHOWN_CHARACTERS characters."""
    return text if len(text) <= SHOWN_CHARACTERS else Truncator(text).chars(SHOWN_CHARACTERS)


def _fk_labels(rows_by_model):
    """One query per related model, to name the organisations, parties and bilagor in a diff."""
    wanted = defaultdict(set)
    for model, rows in rows_by_model.items():
        for model_field in _tracked_fields(model):
            if model_field.is_relation:
                for row in rows:
                    value = getattr(row, model_field.attname)
                    if value is not None:
                        wanted[model_field.related_model].add(value)
    labels = {}
    for related_model, ids in wanted.items():
        queryset = related_model._default_manager.filter(pk__in=ids)
        if related_model.__name__ == "Participation":
            queryset = queryset.select_related("organisation", "partnership")
        for obj in queryset:
            labels[(related_model, obj.pk)] = str(obj)
    return labels


def _diff(model, previous, current, fk_labels):
    changes = []
    for model_field in _tracked_fields(model):
        new = getattr(current, model_field.attname)
        old = getattr(previous, model_field.attname) if previous is not None else None
        if previous is not None and old == new:
            continue
        if previous is None and (new is None or new == ""):
            continue
        changes.append(
            FieldChange(
                label=str(model_field.verbose_name).capitalize(),
                old=_shown(_display(model_field, old, fk_labels)) if previous is not None else "",
                new=_shown(_display(model_field, new, fk_labels)),
            )
        )
    return changes


class _PartnershipPk(models.Expression):
    """Where the partnership's pk goes in the compiled UNION (a parameter filled in per query)."""

    output_field = models.BigIntegerField()

    def as_sql(self, compiler, connection):
        return "%s", [self]


_PARTNERSHIP_PK = _PartnershipPk()
_COMPILED_UNIONS = {}  # (database alias, sources) -> (SQL, params with _PARTNERSHIP_PK)


def _compiled_union(sources):
    """The UNION ALL of every source's rows for some partnership, compiled once per process:
    building and compiling some thirty querysets takes longer than PostgreSQL needs to run them."""
    key = (router.db_for_read(historical_model(sources[0].model)), sources)
    if key not in _COMPILED_UNIONS:
        selections = [
            historical_model(source.model)
            .objects.filter(source.lookup(_PARTNERSHIP_PK))
            .annotate(source_index=models.Value(index, output_field=models.IntegerField()))
            .values_list("source_index", "history_id", "history_date")
            .order_by()
            for index, source in enumerate(sources)
        ]
        first, *rest = selections
        union = first.union(*rest, all=True)
        _COMPILED_UNIONS[key] = union.query.get_compiler(key[0]).as_sql()
    return key[0], *_COMPILED_UNIONS[key]


class Timeline:
    """A partnership's changes, newest first, sliceable like a queryset (so Django's Paginator
    can page it).

    One UNION ALL query over the historical tables of `sources` picks the page's rows and, unless
    the total is known already, counts them all (COUNT(*) OVER ()); `page()` and the
    partnership page's "newest N of all M" need no other. Then each model present on the page
    costs two queries (its rows with the id of their previous version, and those previous
    versions), and the diffs' foreign keys one per related model, whatever the history's length.

    At 10× (1,377 changes on a partnership) PostgreSQL runs the UNION in ~2 ms: each branch is
    an index scan on the historical table's foreign-key column (simple-history indexes them) or
    a nested loop over the partnership's bilagor; the sort and the window count over all rows
    cost ~0.2 ms. Pushing "ORDER BY history_date DESC LIMIT n" into each branch was measured
    slower (11 ms): the planner then walks the history_date index and filters.
    """

    def __init__(self, partnership, sources):
        self.partnership_pk = partnership.pk
        self.sources = tuple(sources)
        self._count = None
        self._slices = {}  # (start, stop) -> entries, so a prefetched page is not fetched again

    def _fetch(self, select, rest=""):
        """Rows of `select` FROM (the UNION) timeline `rest`."""
        db, sql, params = _compiled_union(self.sources)
        params = [self.partnership_pk if isinstance(p, _PartnershipPk) else p for p in params]
        with connections[db].cursor() as cursor:
            cursor.execute(f"{select} FROM ({sql}) timeline {rest}", params)
            return cursor.fetchall()

    def count(self):
        if self._count is None:
            self._count = self._fetch("SELECT COUNT(*)")[0][0]
        return self._count

    def __len__(self):
        return self.count()

    def summary(self):
        """(number of changes, date of the latest) in one query, for the overview tab."""
        count, latest = self._fetch("SELECT COUNT(*), MAX(history_date)")[0]
        if isinstance(latest, str):  # SQLite returns raw SQL text, not a datetime
            latest = parse_datetime(latest)
            if latest is not None and timezone.is_naive(latest):
                latest = timezone.make_aware(latest, UTC)
        self._count = count
        return count, latest

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("Timeline supports slices only")
        if key.step is not None:
            raise TypeError("Timeline supports slices without a step only")
        start, stop = key.start or 0, key.stop
        if (start, self._clipped(stop)) in self._slices:
            return self._slices[(start, self._clipped(stop))]
        # Without a count yet (the partnership page shows the newest entries and "all N
        # changes"), the page's rows bring the total along.
        with_count = self._count is None
        select = "SELECT source_index, history_id, history_date" + (
            ", COUNT(*) OVER ()" if with_count else ""
        )
        rest = "ORDER BY history_date DESC, history_id DESC"
        if stop is not None:
            rest += f" LIMIT {max(0, int(stop) - int(start))} OFFSET {int(start)}"
        rows = self._fetch(select, rest)
        if stop is None:
            rows = rows[start:]
        if with_count and rows:
            self._count = rows[0][3]
        elif with_count and start == 0:
            self._count = 0
        entries = _entries(self.sources, [row[:3] for row in rows])
        self._slices[(start, self._clipped(stop))] = entries
        return entries

    def _clipped(self, stop):
        """`stop` as far as there are entries (the paginator asks the last page up to the count)."""
        if stop is None or self._count is None:
            return stop
        return min(stop, self._count)

    def page(self, number, per_page):
        """Django's paginator's page `number` (as get_page reads it). A page that exists costs one
        query for its rows and the total together, instead of a count and then the rows."""
        paginator = Paginator(self, per_page)
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            wanted = 1
        if 1 <= wanted <= MAX_PAGE:  # beyond: no prefetch (an offset PostgreSQL cannot hold)
            self[(wanted - 1) * per_page : wanted * per_page]
        return paginator.get_page(number)


def _previous_version(historical):
    """Subquery: history_id of the same object's version just before this one."""
    before = models.Q(history_date__lt=models.OuterRef("history_date")) | models.Q(
        history_date=models.OuterRef("history_date"), history_id__lt=models.OuterRef("history_id")
    )
    return models.Subquery(
        historical.objects.filter(before, id=models.OuterRef("id"))
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )


def _entries(sources, picked):
    ids_by_source = defaultdict(list)
    for source_index, history_id, _when in picked:
        ids_by_source[source_index].append(history_id)
    rows = {}
    previous = {}
    rows_by_model = defaultdict(list)
    for source_index, history_ids in ids_by_source.items():
        model = sources[source_index].model
        historical = historical_model(model)
        # Two queries per model: the picked rows with the id of their previous version, then
        # those versions. (One query with "picked OR previous" was tried: PostgreSQL then scans
        # the whole historical table, 1.2 s at 10× instead of milliseconds.)
        fetched = list(
            historical.objects.filter(history_id__in=history_ids)
            .annotate(previous_history_id=_previous_version(historical))
            .select_related("history_user")
        )
        previous_ids = [row.previous_history_id for row in fetched if row.previous_history_id]
        earlier = (
            {row.history_id: row for row in historical.objects.filter(history_id__in=previous_ids)}
            if previous_ids
            else {}
        )
        for row in fetched:
            rows[(source_index, row.history_id)] = row
            previous[(source_index, row.history_id)] = earlier.get(row.previous_history_id)
        rows_by_model[model] += fetched + list(earlier.values())
    fk_labels = _fk_labels(rows_by_model)
    entries = []
    for source_index, history_id, _when in picked:
        source = sources[source_index]
        row = rows[(source_index, history_id)]
        before = previous[(source_index, history_id)]
        changes = [] if row.history_type == "-" else _diff(source.model, before, row, fk_labels)
        entries.append(
            TimelineEntry(
                when=row.history_date,
                user=row.history_user,
                reason=row.history_change_reason or "",
                kind=row.history_type,
                model_label=str(source.model._meta.verbose_name).capitalize(),
                object_label=(source.label or _label)(row, fk_labels),
                changes=changes,
            )
        )
    return entries


def _label(row, fk_labels):
    for name in ("title", "name", "heading", "text"):
        if hasattr(row, name):
            return str(getattr(row, name))[:80]
    return f"#{row.id}"


def related_label(fk_name, related_model):
    """A labeller naming a row by one of its foreign keys (a party by its organisation)."""

    def label(row, fk_labels):
        return fk_labels.get((related_model, getattr(row, f"{fk_name}_id")), f"#{row.id}")

    return label


def annex_ids_ever(partnership_pk):
    """Bilagor that ever belonged to the partnership, including deleted ones (a subquery)."""
    return historical_model(Annex).objects.filter(partnership_id=partnership_pk).values("id")


def by_partnership(pk):
    return models.Q(partnership_id=pk)


def by_annex(pk):
    return models.Q(annex_id__in=annex_ids_ever(pk))


def _by_decision(pk):
    """Delegations of the partnership's committee decisions, deleted ones included."""
    decisions = historical_model(CommitteeDecision).objects.filter(partnership_id=pk)
    return models.Q(decision_id__in=decisions.values("id"))


# The agreement itself: its text, parties, bilagor and money.
SOURCES = (
    Source(Partnership, lambda pk: models.Q(id=pk)),
    Source(Goal, by_partnership),
    Source(Clause, by_partnership),
    Source(Participation, by_partnership, related_label("organisation", Organisation)),
    Source(Annex, by_partnership),
    Source(Commitment, by_annex),
    Source(Compensation, by_annex, related_label("annex", Annex)),
)

# Its lifecycle: steps, committee cases and decisions, notices, extensions, amendments and
# signatures, payments.
LIFECYCLE_SOURCES = (
    Source(LifecycleStep, by_partnership, lambda row, fk: str(row.reason)[:80]),
    Source(CommitteeCase, by_partnership),
    Source(CommitteeDecision, by_partnership, lambda row, fk: row.decided_on.isoformat()),
    Source(Delegation, _by_decision, lambda row, fk: row.to_whom),
    Source(Notice, by_partnership, lambda row, fk: row.given_on.isoformat()),
    Source(Extension, by_partnership, lambda row, fk: row.new_end_date.isoformat()),
    Source(Amendment, by_partnership),
    Source(Signature, by_partnership, lambda row, fk: row.signatory_name),
    Source(PaymentPlan, by_annex, related_label("annex", Annex)),
    Source(Payment, by_annex, lambda row, fk: row.due_on.isoformat()),
    Source(RepaymentClaim, by_annex, lambda row, fk: row.claimed_on.isoformat()),
    Source(CoFinancing, by_annex, lambda row, fk: str(row.year)),
)
