from django.db import migrations

from iop.history_indexes import add_history_indexes


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_reports_statements_compilations")]

    operations = [add_history_indexes("reporting")]
