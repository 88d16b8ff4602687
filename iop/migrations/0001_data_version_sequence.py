"""The sequence the page cache draws its data version from (iop.pagecache). PostgreSQL only: on
SQLite a counter in the process stands in for it."""

from django.db import migrations

SEQUENCE = "iop_data_version"  # iop.pagecache.SEQUENCE, written out: migrations keep their own


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}")
        # Marked as drawn, so that the first nextval() moves what last_value reads (1 → 2).
        schema_editor.execute(f"SELECT setval('{SEQUENCE}', 1)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create, drop)]
