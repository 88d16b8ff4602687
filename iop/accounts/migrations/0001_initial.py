"""User, AccountEvent and EnrolmentCode come here from partnerships with their tables
(partnerships_user, its groups and permissions tables, partnerships_accountevent,
partnerships_enrolmentcode), which partnerships' migrations made and keep. So this adds them to
Django's state only: no SQL. partnerships/0010 removes them from partnerships' state.

A database migrated before the move has this recorded as applied by the migrate command
(iop/management/commands/migrate.py) before anything else runs: the migrations of Django's and
the other apps' that point at AUTH_USER_MODEL now depend on it, and they are applied there."""

import django.contrib.auth.models
import django.contrib.auth.validators
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        # Only Organisation, which partnerships/0001 creates: so the migrate command can record
        # this as applied on any database that has partnerships/0001, however far it got after.
        ('partnerships', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='User',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('password', models.CharField(max_length=128, verbose_name='password')),
                        ('last_login', models.DateTimeField(blank=True, null=True, verbose_name='last login')),
                        ('is_superuser', models.BooleanField(default=False, help_text='Designates that this user has all permissions without explicitly assigning them.', verbose_name='superuser status')),
                        ('username', models.CharField(error_messages={'unique': 'A user with that username already exists.'}, help_text='Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.', max_length=150, unique=True, validators=[django.contrib.auth.validators.UnicodeUsernameValidator()], verbose_name='username')),
                        ('first_name', models.CharField(blank=True, max_length=150, verbose_name='first name')),
                        ('last_name', models.CharField(blank=True, max_length=150, verbose_name='last name')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email address')),
                        ('is_staff', models.BooleanField(default=False, help_text='Designates whether the user can log into this admin site.', verbose_name='staff status')),
                        ('is_active', models.BooleanField(default=True, help_text='Designates whether this user should be treated as active. Unselect this instead of deleting accounts.', verbose_name='active')),
                        ('date_joined', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date joined')),
                        ('role', models.CharField(choices=[('administration', 'Förvaltningen'), ('representative', 'Företrädare för organisation')], default='representative', max_length=20, verbose_name='roll')),
                        ('title', models.CharField(blank=True, max_length=200, verbose_name='titel')),
                        ('groups', models.ManyToManyField(blank=True, help_text='The groups this user belongs to. A user will get all permissions granted to each of their groups.', related_name='user_set', related_query_name='user', to='auth.group', verbose_name='groups')),
                        ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='users', to='partnerships.organisation', verbose_name='organisation')),
                        ('user_permissions', models.ManyToManyField(blank=True, help_text='Specific permissions for this user.', related_name='user_set', related_query_name='user', to='auth.permission', verbose_name='user permissions')),
                    ],
                    options={
                        'verbose_name': 'användare',
                        'verbose_name_plural': 'användare',
                        'db_table': 'partnerships_user',
                    },
                    managers=[
                        ('objects', django.contrib.auth.models.UserManager()),
                    ],
                ),
                migrations.CreateModel(
                    name='AccountEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('action', models.CharField(choices=[('invited', 'Inbjudet'), ('deactivated', 'Inaktiverat'), ('activated', 'Aktiverat igen'), ('mfa_reset', 'Tvåfaktorsinloggningen nollställd')], max_length=20, verbose_name='händelse')),
                        ('reason', models.TextField(blank=True, verbose_name='anledning')),
                        ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='tidpunkt')),
                        ('actor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.user', verbose_name='utfört av')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='account_events', to='accounts.user', verbose_name='konto')),
                    ],
                    options={
                        'verbose_name': 'kontohändelse',
                        'verbose_name_plural': 'kontohändelser',
                        'db_table': 'partnerships_accountevent',
                        'ordering': ['-at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='EnrolmentCode',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code_hash', models.CharField(max_length=64, verbose_name='kodens kontrollsumma')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='skickad')),
                        ('expires_at', models.DateTimeField(verbose_name='gäller till')),
                        ('failed_attempts', models.PositiveSmallIntegerField(default=0, verbose_name='felaktiga försök')),
                        ('ended_at', models.DateTimeField(blank=True, null=True, verbose_name='förbrukad')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.user', verbose_name='konto')),
                    ],
                    options={
                        'verbose_name': 'engångskod via e-post',
                        'verbose_name_plural': 'engångskoder via e-post',
                        'db_table': 'partnerships_enrolmentcode',
                        'indexes': [models.Index(fields=['user', 'created_at'], name='enrolmentcode_user_created')],
                    },
                ),
            ],
        ),
    ]
