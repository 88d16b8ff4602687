"""The page cache is gone (it served few real requests and cost a rule that no model may be
changed with QuerySet.update()); its sequence goes with it."""

from django.db import migrations

SEQUENCE = "iop_data_version"


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}")


class Migration(migrations.Migration):
    dependencies = [("iop", "0001_data_version_sequence")]
    operations = [migrations.RunPython(drop, create)]
