"""Querysets compiled to SQL once per process, then run with each request's values.

Building and compiling a queryset costs Django 0.3–0.6 ms of CPU, several times what PostgreSQL
needs to run the small, fixed queries of a page such as the partnership's tabs (the history
timeline's UNION in partnerships/history.py was the first query treated so). A page writes such
a query as an ordinary queryset with `Param("name")` where a value goes; `PreparedQuery`
compiles it on first use and afterwards only executes the SQL and builds the model instances,
with their select_related objects and annotations, as Django's own ModelIterable does (or,
for a `values()` queryset, gives its rows as tuples).

Only the SQL and the compiler's column map are kept, like a compiled template: nothing that
depends on the data, the user or the request. Querysets with prefetch_related cannot be
prepared. A query that narrows by a representative is prepared with the models' own
`visible_to(Viewer())`: the access rule is compiled once and the representative's user and
organisation ids are given at each call (`Viewer.values(user)`); staff queries, which see
everything, stay ordinary querysets. A list
of values (`field__in=values`) goes in as one parameter with `InParam` (an array on PostgreSQL,
JSON on SQLite), so that the SQL does not depend on how many there are.
"""

import json
from collections import namedtuple

from django.contrib.auth import get_user_model
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

    def db_value(self, value, connection):
        return self.output_field.get_db_prep_value(value, connection)


class ListParam(Param):
    """A list of values in one placeholder (see `InParam`)."""

    def db_value(self, value, connection):
        items = [self.output_field.get_db_prep_value(item, connection) for item in value]
        return items if connection.vendor == "postgresql" else json.dumps(items)


class InParam(models.Expression):
    """A condition: `field` is one of the list given as `name` (`field__in=values` with one
    placeholder, so that the SQL does not depend on how many values there are)."""

    conditional = True
    output_field = models.BooleanField()

    def __init__(self, field, name, output_field=None):
        super().__init__()
        self.lhs = models.F(field) if isinstance(field, str) else field
        self.param = ListParam(name, output_field)

    def get_source_expressions(self):
        return [self.lhs]

    def set_source_expressions(self, exprs):
        (self.lhs,) = exprs

    def as_sql(self, compiler, connection):
        lhs_sql, lhs_params = compiler.compile(self.lhs)
        return f"{lhs_sql} = ANY(%s)", [*lhs_params, self.param]

    def as_sqlite(self, compiler, connection):
        lhs_sql, lhs_params = compiler.compile(self.lhs)
        return f"{lhs_sql} IN (SELECT value FROM json_each(%s))", [*lhs_params, self.param]


class PreparedQuery:
    """`build()` returns the queryset; `list(**values)` gives its model instances,
    `rows(**values)` its rows as tuples, `dicts(**values)` the rows of a `values()` queryset
    as dicts (a grouped sum, say) and `named(**values)` as named tuples."""

    def __init__(self, build):
        self._build = build
        self._model = None
        self._compiled = {}  # database alias -> (sql, params, compiler)
        self._row_class = None  # the named tuple of `named()`, made on first use

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
        self._compiled[db] = (sql, tuple(params), compiler, _converter(compiler))
        return db, self._compiled[db]

    def _execute(self, values):
        """(database alias, compiler, the rows converted as Django converts them)."""
        db, (sql, params, compiler, convert) = self._compiled_for()
        connection = connections[db]
        args = [
            p.db_value(values[p.name], connection) if isinstance(p, Param) else p for p in params
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, args)
            return db, compiler, convert(cursor.fetchall())

    def rows(self, **values):
        """The selected columns of each row as a tuple, converted as Django converts them: for
        a `values()` queryset, its fields and then its annotations, in their order."""
        _db, _compiler, rows = self._execute(values)
        return [tuple(row) for row in rows]

    def dicts(self, **values):
        """One dict per row, keyed as `values()` keys them (its fields, then its annotations),
        each value converted as Django converts it."""
        _db, compiler, rows = self._execute(values)
        query = compiler.query
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        return [dict(zip(names, row, strict=True)) for row in rows]

    def named(self, **values):
        """One named tuple per row of a `values()` queryset, its attributes named as `dicts()`
        keys them: what a page reads of a model instance (`row.title`, `row.annex_id`) without
        building one, some 7 µs each for a model of a dozen fields."""
        _db, compiler, rows = self._execute(values)
        if self._row_class is None:
            query = compiler.query
            names = [*query.extra_select, *query.values_select, *query.annotation_select]
            self._row_class = namedtuple(f"{self._model.__name__}Row", names)
        make = self._row_class._make
        return [make(row) for row in rows]

    def list(self, **values):
        db, compiler, rows = self._execute(values)
        klass_info, select = compiler.klass_info, compiler.select
        model_cls = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(klass_info, select, db)
        annotations = compiler.annotation_col_map.items()
        objects = []
        for row in rows:
            obj = model_cls.from_db(db, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in annotations:
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects


def _converter(compiler):
    """`rows -> rows` converted as `compiler.results_iter` converts them, with the converters
    worked out once: they depend on the columns and the database backend only, and working
    them out for each execution cost a fifth of a small query's CPU time."""
    fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
    if compiler.has_composite_fields(fields):
        return lambda rows: list(compiler.results_iter([rows]))
    converters = compiler.get_converters(fields)
    if not converters:
        return lambda rows: rows
    return lambda rows: list(compiler.apply_converters(rows, converters))


# A number no row has, reversed in its place and then replaced by each row's own.
_PK_MARK = "987654321987654321"


def url_for_each(viewname, *args):
    """`pk -> reverse(viewname, args=[*args, pk])`, reversing once: a page that links every row
    of a table to the same view (each party's edit page, say) would otherwise resolve the URL
    pattern per row, some 20-30 µs each. Made per request, as the URL prefix may differ."""
    head, tail = reverse(viewname, args=[*args, _PK_MARK]).rsplit(_PK_MARK, 1)
    return lambda pk: f"{head}{int(pk)}{tail}"


class Viewer:
    """A signed-in representative whose ids are placeholders, for a prepared query narrowed by
    the models' own `visible_to(user)`: built with `visible_to(Viewer())`, the query compiles
    once with the access rule in it, and each request gives its user's ids as the values
    `user` and `organisation` (see `Viewer.values`). Only for representatives: the same rule
    for staff narrows nothing, so a page that staff may see chooses before it prepares."""

    is_authenticated = True
    is_active = True
    is_administration = False
    is_superuser = False

    def __init__(self):
        self.pk = self.id = Param("user")
        self.organisation_id = Param("organisation")
        self._meta = get_user_model()._meta  # the user model's, as a real user's

    @staticmethod
    def values(user):
        """The values of a real user: a signed-in, active user who is not staff (for anyone
        else the models' rule is not the one compiled in)."""
        if not (user.is_authenticated and user.is_active) or user.is_administration:
            raise ValueError("A prepared viewer is a signed-in representative.")
        return {"user": user.pk, "organisation": user.organisation_id}
