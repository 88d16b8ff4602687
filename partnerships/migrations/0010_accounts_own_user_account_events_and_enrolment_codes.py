"""User, AccountEvent and EnrolmentCode moved to the accounts app (iop.accounts), keeping their
tables. So this migration has no SQL for them: the fields here that point at a user point at
accounts.User, and the three models leave partnerships' state (accounts/0001 added them to its
own; governance/0004 and reporting/0006 repointed their fields first). CalendarToken stays, its
user is accounts.User.

The content types of the three models are relabelled partnerships -> accounts, so their
permissions (same codenames), guardian's rows and the admin's history of each account stay theirs."""

import django.db.models.deletion
from django.db import migrations, models

MOVED = ["user", "accountevent", "enrolmentcode"]


def _relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        moving = ContentType.objects.filter(app_label=old, model=model).first()
        if moving is None:
            continue  # A fresh database: post_migrate creates the new one.
        # A content type made for the new label before this ran (a partial migrate's
        # post_migrate) holds nothing of value; the old one holds the permissions in use.
        ContentType.objects.filter(app_label=new, model=model).delete()
        moving.app_label = new
        moving.save(update_fields=["app_label"])


def relabel_content_types(apps, schema_editor):
    _relabel(apps, "partnerships", "accounts")


def unrelabel_content_types(apps, schema_editor):
    _relabel(apps, "accounts", "partnerships")


class Migration(migrations.Migration):

    dependencies = [
        ('partnerships', '0009_clause_number_and_the_data_it_holds'),
        ('accounts', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='lifecyclestep',
                    name='actor',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.user', verbose_name='av'),
                ),
                migrations.AlterField(
                    model_name='historicallifecyclestep',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicaldelegation',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalannex',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalextension',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalcommitteedecision',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalgoal',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalamendment',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalcommitteecase',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalcompensation',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalnotice',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalcommitment',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalpaymentplan',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalcofinancing',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='calendartoken',
                    name='user',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_token', to='accounts.user', verbose_name='användare'),
                ),
                migrations.AlterField(
                    model_name='historicalclause',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalpartnership',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalsignature',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalorganisation',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicallifecyclestep',
                    name='actor',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.user', verbose_name='av'),
                ),
                migrations.AlterField(
                    model_name='historicalparticipation',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalrepaymentclaim',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicaldecisionpoint',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.AlterField(
                    model_name='historicalpayment',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user'),
                ),
                migrations.DeleteModel(name='EnrolmentCode'),
                migrations.DeleteModel(name='AccountEvent'),
                migrations.DeleteModel(name='User'),
            ],
        ),
        migrations.RunPython(relabel_content_types, unrelabel_content_types),
    ]
