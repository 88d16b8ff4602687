"""The users these fields point at are accounts.User now (the model moved from partnerships
with its table, partnerships_user). Only Django's record of the target changes: the columns and
their constraints already point at that table, so there is no SQL (state only). Runs before
partnerships/0010 removes partnerships.User from the state."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0003_minutes_approval_recorded_on_behalf'),
        ('accounts', '0001_initial'),
    ]

    run_before = [
        ('partnerships', '0010_accounts_own_user_account_events_and_enrolment_codes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='agendaitem',
                    name='proposed_by',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user', verbose_name='anmäld av'),
                ),
                migrations.AlterField(
                    model_name='chairdraw',
                    name='run_by',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.user', verbose_name='genomförd av'),
                ),
                migrations.AlterField(
                    model_name='groupmember',
                    name='user',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='group_memberships', to='accounts.user', verbose_name='användarkonto'),
                ),
                migrations.AlterField(
                    model_name='historicalagendaitem',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalagendaitem',
                    name='proposed_by',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.user', verbose_name='anmäld av'),
                ),
                migrations.AlterField(
                    model_name='historicalattendance',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalchairdraw',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalchairdraw',
                    name='run_by',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.user', verbose_name='genomförd av'),
                ),
                migrations.AlterField(
                    model_name='historicalchairterm',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicaldecision',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalescalation',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalgroup',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalgroupmember',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalgroupmember',
                    name='user',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.user', verbose_name='användarkonto'),
                ),
                migrations.AlterField(
                    model_name='historicalmeeting',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalminutes',
                    name='adjuster_recorded_by',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.user', verbose_name='justerarens justering registrerad av'),
                ),
                migrations.AlterField(
                    model_name='historicalminutes',
                    name='chair_recorded_by',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.user', verbose_name='ordförandens justering registrerad av'),
                ),
                migrations.AlterField(
                    model_name='historicalminutes',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalremediationplan',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalremediationplan',
                    name='submitted_by',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.user', verbose_name='inlämnad av'),
                ),
                migrations.AlterField(
                    model_name='historicalrotationorder',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalvote',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='minutes',
                    name='adjuster_recorded_by',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.user', verbose_name='justerarens justering registrerad av'),
                ),
                migrations.AlterField(
                    model_name='minutes',
                    name='chair_recorded_by',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.user', verbose_name='ordförandens justering registrerad av'),
                ),
                migrations.AlterField(
                    model_name='remediationplan',
                    name='submitted_by',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user', verbose_name='inlämnad av'),
                ),
            ],
        ),
    ]
