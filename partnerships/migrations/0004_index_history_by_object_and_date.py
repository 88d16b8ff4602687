from django.db import migrations

from iop.history_indexes import add_history_indexes


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0003_calendar_token")]

    operations = [add_history_indexes("partnerships")]
