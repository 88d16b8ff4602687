"""Django's migrate, first recording the accounts app's initial migration on a database migrated
before the users moved from partnerships to accounts.

That migration only adds the models partnerships' migrations made (User, AccountEvent,
EnrolmentCode, same tables) to the accounts app's state, so on such a database it has nothing to
do. It must be recorded before Django looks at the history: the migrations of admin, guardian,
django-otp and our own apps that point at AUTH_USER_MODEL depend on it now, and are applied
there, so Django would otherwise refuse to migrate (InconsistentMigrationHistory)."""

from django.core.management.commands.migrate import Command as DjangoMigrateCommand
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder

ACCOUNTS_INITIAL = ("accounts", "0001_initial")
# Where the user table was made; accounts' initial migration depends on nothing later.
USERS_CREATED = ("partnerships", "0001_initial")


def adopt_moved_accounts(connection):
    """Record accounts/0001 as applied where partnerships/0001 is and it is not. Returns
    whether it did."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return False
    applied = recorder.applied_migrations()
    if USERS_CREATED not in applied or ACCOUNTS_INITIAL in applied:
        return False
    recorder.record_applied(*ACCOUNTS_INITIAL)
    return True


class Command(DjangoMigrateCommand):
    def handle(self, *args, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if adopt_moved_accounts(connection) and options.get("verbosity", 1) >= 1:
            self.stdout.write(
                "Recorded accounts.0001_initial as applied: the user tables came from "
                "partnerships, whose migrations made them."
            )
        return super().handle(*args, **options)
