"""The users these fields point at are accounts.User now (the model moved from partnerships
with its table, partnerships_user). Only Django's record of the target changes: the columns and
their constraints already point at that table, so there is no SQL (state only). Runs before
partnerships/0010 removes partnerships.User from the state."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0005_index_periods_by_start'),
        ('accounts', '0001_initial'),
    ]

    run_before = [
        ('partnerships', '0010_accounts_own_user_account_events_and_enrolment_codes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='activityreportversion',
                    name='submitted_by',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalactivityreport',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalactivityreportversion',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalactivityreportversion',
                    name='submitted_by',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalannualcompilation',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalbudgetline',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalfeedbackentry',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalfinancialstatement',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalhalfyearreport',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalreportingperiod',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalreporttemplate',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalstatementattachment',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalstatementattachment',
                    name='uploaded_by',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='statementattachment',
                    name='uploaded_by',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.user'),
                ),
            ],
        ),
    ]
