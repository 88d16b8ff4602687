"""A database migrated before the users moved from partnerships to accounts migrates with
`manage.py migrate`: the people in it keep their accounts, passwords and permissions.

The test takes the test database back to how it was before the move (the three migrations of
the move unapplied, no record of accounts/0001), adds a person the old way, and runs migrate."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse

from iop.accounts.models import AccountEvent

BEFORE_THE_MOVE = [
    ("partnerships", "0009_clause_number_and_the_data_it_holds"),
    ("governance", "0003_minutes_approval_recorded_on_behalf"),
    ("reporting", "0005_index_periods_by_start"),
]


def _back_to_before_the_move():
    """Unapply the move's migrations and forget accounts/0001, as on a database that never saw
    it. Returns the models as they were then."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_MOVE)
    MigrationRecorder(connection).record_unapplied("accounts", "0001_initial")
    return executor.loader.project_state(BEFORE_THE_MOVE).apps


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_migrates_and_its_people_log_in(client):
    try:
        old = _back_to_before_the_move()
        old_types = _content_types()
        assert {app for app, _model in old_types} == {"partnerships"}
        staff = old.get_model("partnerships", "User").objects.create(
            username="handlaggare",
            password=make_password("Ett-långt-lösen-42"),
            role="administration",
            is_staff=True,
        )
        staff.user_permissions.add(
            old.get_model("auth", "Permission").objects.get(
                content_type__app_label="partnerships", codename="change_user"
            )
        )
        old.get_model("partnerships", "AccountEvent").objects.create(
            user=staff, actor=staff, action="activated", reason="Ny"
        )
        with pytest.raises(Exception, match="accounts.0001_initial"):
            # What Django's own migrate says on such a database.
            MigrationExecutor(connection).loader.check_consistent_history(connection)

        call_command("migrate", verbosity=0)
    finally:
        call_command("migrate", verbosity=0)  # whatever happened, leave the schema current

    assert not MigrationExecutor(connection).migration_plan(
        MigrationExecutor(connection).loader.graph.leaf_nodes()
    )
    user = get_user_model().objects.get(username="handlaggare")
    assert user._meta.label == "accounts.User" and user.is_administration
    # The same content type rows, now under accounts: the permission given before still holds.
    assert _content_types() == {("accounts", model) for _app, model in old_types}
    assert user.has_perm("accounts.change_user")
    assert AccountEvent.objects.get(user=user).reason == "Ny"

    response = client.post(
        reverse("login"), {"username": "handlaggare", "password": "Ett-långt-lösen-42"}
    )
    assert response.status_code == 302 and not response["Location"].startswith(reverse("login"))
    assert int(client.session["_auth_user_id"]) == user.pk


def _content_types():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT app_label, model FROM django_content_type"
            " WHERE model IN ('user', 'accountevent', 'enrolmentcode')"
            " AND app_label IN ('partnerships', 'accounts')"
        )
        return set(cursor.fetchall())
