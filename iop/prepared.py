"""Querysets compiled to SQL once per process, then run with each request's values.

Building and compiling a queryset costs Django 0.3–0.6 ms of CPU, several times what PostgreSQL
needs to run the small, fixed queries of a page such as the partnership's tabs (the history
timeline's UNION in partnerships/history.py was the first query treated so). A page writes such
a query as an ordinary queryset with `Param("name")` where a value goes; `PreparedQuery`
compiles it on first use and afterwards only executes the SQL and builds the model instances,
with their select_related objects and annotations, as Django's own ModelIterable does.

Only the SQL and the compiler's column map are kept, like a compiled template: nothing that
depends on the data, the user or the request. Querysets with prefetch_related, or whose SQL
would depend on the values (an IN list), cannot be prepared; a query that must narrow by the
user (`visible_to`) stays an ordinary queryset.
"""

from django.db import connections, models, router
from django.db.models.query import get_related_populators
from django.urls import reverse


class Param(models.Expression):
    """Where a value goes in a prepared query; `output_field` prepares the value for the
    database (a date for SQLite, say)."""

    def __init__(self, name, output_field=None):
        super().__init__(output_field=output_field or models.BigIntegerField())
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [self]


class PreparedQuery:
    """`build()` returns the queryset; `list(**values)` gives its model instances, `dicts(**values)`
    the rows of a `values()` queryset (a grouped sum, say)."""

    def __init__(self, build):
        self._build = build
        self._model = None
        self._compiled = {}  # database alias -> (sql, params, compiler)

    def _compiled_for(self):
        if self._model is not None:
            db = router.db_for_read(self._model)
            if db in self._compiled:
                return db, self._compiled[db]
        queryset = self._build()
        if queryset._prefetch_related_lookups:
            raise ValueError("A prepared query cannot prefetch; prepare each query instead.")
        self._model, db = queryset.model, queryset.db
        compiler = queryset.query.get_compiler(using=db)
        sql, params = compiler.as_sql()
        self._compiled[db] = (sql, tuple(params), compiler)
        return db, self._compiled[db]

    def _rows(self, values):
        db, (sql, params, compiler) = self._compiled_for()
        connection = connections[db]
        args = [
            p.output_field.get_db_prep_value(values[p.name], connection)
            if isinstance(p, Param)
            else p
            for p in params
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, args)
            rows = cursor.fetchall()
        return db, compiler, rows

    def dicts(self, **values):
        """One dict per row, keyed as `values()` keys them (its fields, then its annotations),
        each value converted as Django converts it."""
        db, compiler, rows = self._rows(values)
        query = compiler.query
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        return [dict(zip(names, row, strict=True)) for row in compiler.results_iter([rows])]

    def list(self, **values):
        db, compiler, rows = self._rows(values)
        klass_info, select = compiler.klass_info, compiler.select
        model_cls = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(klass_info, select, db)
        annotations = compiler.annotation_col_map.items()
        objects = []
        for row in compiler.results_iter([rows]):
            obj = model_cls.from_db(db, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in annotations:
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects


# A number no row has, reversed in its place and then replaced by each row's own.
_PK_MARK = "987654321987654321"


def url_for_each(viewname, *args):
    """`pk -> reverse(viewname, args=[*args, pk])`, reversing once: a page that links every row
    of a table to the same view (each party's edit page, say) would otherwise resolve the URL
    pattern per row, some 20-30 µs each. Made per request, as the URL prefix may differ."""
    head, tail = reverse(viewname, args=[*args, _PK_MARK]).rsplit(_PK_MARK, 1)
    return lambda pk: f"{head}{int(pk)}{tail}"
