"""The demo, loaded once per test process and put back for each browser test from a copy.

Loading the real agreements (`load_demo`) holds some 175 meetings through the services and took
15–30 s; about fifty browser tests each began with it, after the flush that ends the test
before. The first test of a process loads it as `make run` does and copies every table; the
next ones get the same rows back in well under a second. The copy is kept per kind and day
(the demo as it stands today, or on the day a journey's clock is set to), so a run that passes
midnight loads again rather than showing yesterday's deadlines.

The rows are copied inside the database: PostgreSQL through COPY, SQLite (the in-memory test
database) into a second in-memory database attached to the same connection. Every table but
django_migrations is emptied and refilled together with the sequences, and Django's content
type cache is cleared, as the ids are the copy's.
"""

import io

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

_copies = {}  # (kind, day) -> what _take returned


def _tables():
    return sorted(t for t in connection.introspection.table_names() if t != "django_migrations")


def _sqlite_pairs(tables):
    """(table, its copy's name), quoted; with AUTOINCREMENT's counters (sqlite_sequence, a
    name SQLite keeps for itself, so its copy is named otherwise)."""
    quote = connection.ops.quote_name
    return [(quote(t), quote(t)) for t in tables] + [("sqlite_sequence", "iop_sequences")]


def _take():
    quote = connection.ops.quote_name
    tables = _tables()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            copies = {}
            for table in tables:
                buffer = io.StringIO()
                cursor.cursor.copy_expert(f"COPY {quote(table)} TO STDOUT", buffer)
                copies[table] = buffer.getvalue()
            return copies
        # SQLite: a private in-memory database beside the test database, one per copy.
        schema = f"iop_copy_{len(_copies)}"
        cursor.execute(f"ATTACH DATABASE ':memory:' AS {schema}")
        for table, copy in _sqlite_pairs(tables):
            cursor.execute(f"CREATE TABLE {schema}.{copy} AS SELECT * FROM {table}")
        return schema


def _put_back(copy):
    quote = connection.ops.quote_name
    tables = _tables()
    # SQLite turns its foreign key checks off only outside a transaction; PostgreSQL checks
    # them at the commit (Django makes them deferrable).
    with (
        connection.constraint_checks_disabled(),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(quote(t) for t in tables)}")
            for table in tables:
                cursor.cursor.copy_expert(
                    f"COPY {quote(table)} FROM STDIN", io.StringIO(copy[table])
                )
            # The models with a table here: a test may have defined one at run time.
            models = [
                model
                for model in apps.get_models(include_auto_created=True)
                if model._meta.db_table in tables
            ]
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        else:
            for table, kept in _sqlite_pairs(tables):
                cursor.execute(f"DELETE FROM {table}")
                cursor.execute(f"INSERT INTO {table} SELECT * FROM {copy}.{kept}")
    ContentType.objects.clear_cache()


def load_demo(kind):
    """The demo in the database, loaded or put back from this process's copy of it. Returns
    the moment its rows were made up to (the end of the first load): a journey whose clock is
    set to a day goes on from there, as it did after loading."""
    key = (kind, timezone.localdate())
    if key not in _copies:
        call_command("load_demo", force=True, verbosity=0)
        _copies[key] = (_take(), timezone.now())
    else:
        _put_back(_copies[key][0])
    return _copies[key][1]
