from django.db import migrations

from iop.history_indexes import add_history_indexes


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_groups_meetings_decisions")]

    operations = [add_history_indexes("governance")]
