"""A partnership's timeline: one UNION ALL query over the historical tables of its sources."""

from datetime import UTC

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import connections, models, router
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from iop.views_helpers import MAX_PAGE
from partnerships.history.changes import timeline_entries
from partnerships.history.sources import historical_model


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
            .values_list("source_index", "history_id", "history_date", "history_user_id")
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

    def __init__(self, partnership, sources, *, user_id=None, since=None, before=None):
        """`sources`' changes to `partnership`; only `user_id`'s, and only those made at or after
        `since` and before `before` (aware datetimes) when given."""
        self.partnership_pk = partnership.pk
        self.sources = tuple(sources)
        self.user_id, self.since, self.before = user_id, since, before
        self._count = None
        self._slices = {}  # (start, stop) -> entries, so a prefetched page is not fetched again

    def _union(self):
        """(database alias, the UNION's SQL, its parameters for this partnership)."""
        db, sql, params = _compiled_union(self.sources)
        return (
            db,
            sql,
            [self.partnership_pk if isinstance(p, _PartnershipPk) else p for p in params],
        )

    def _where(self, connection):
        """The filters as a WHERE on the UNION and its parameters (PostgreSQL pushes them into
        each branch); the values are always parameters, never written into the SQL."""
        clauses, params = [], []
        if self.user_id is not None:
            clauses.append("history_user_id = %s")
            params.append(self.user_id)
        for clause, moment in (
            ("history_date >= %s", self.since),
            ("history_date < %s", self.before),
        ):
            if moment is not None:
                clauses.append(clause)
                params.append(connection.ops.adapt_datetimefield_value(moment))
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def _fetch(self, select, rest=""):
        """Rows of `select` FROM (the UNION) timeline, filtered, `rest`."""
        db, sql, params = self._union()
        connection = connections[db]
        where, where_params = self._where(connection)
        with connection.cursor() as cursor:
            cursor.execute(f"{select} FROM ({sql}) timeline{where} {rest}", params + where_params)
            return cursor.fetchall()

    def authors(self):
        """Everyone who made one of the changes (whatever the filters), by name, as users with
        only the fields that name them: one query."""
        user_model = get_user_model()
        names = ("id", "username", "first_name", "last_name")
        db, sql, params = self._union()
        quote = connections[db].ops.quote_name
        columns = [quote(user_model._meta.get_field(name).column) for name in names]
        with connections[db].cursor() as cursor:
            cursor.execute(
                f"SELECT {', '.join(columns)} FROM {quote(user_model._meta.db_table)} "
                f"WHERE {columns[0]} IN (SELECT history_user_id FROM ({sql}) timeline) "
                f"ORDER BY {columns[2]}, {columns[3]}, {columns[1]}",
                params,
            )
            return [user_model.from_db(db, names, row) for row in cursor.fetchall()]

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
        entries = timeline_entries(self.sources, [row[:3] for row in rows])
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
