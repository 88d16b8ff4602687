"""The three standard people (healthchecks' alice/bob/charlie): city staff, a representative of
NGO A and a representative of NGO B, and a partnership in which A is a party and B is not."""

import pytest

from tests.factories import (
    AnnexFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PublicOrganisationFactory,
    RepresentativeFactory,
    UserFactory,
)


@pytest.fixture
def staff(db):
    return UserFactory(username="handlaggare", first_name="Hanna", last_name="Handläggare")


@pytest.fixture
def org_a(db):
    return OrganisationFactory(name="Förening A")


@pytest.fixture
def org_b(db):
    return OrganisationFactory(name="Förening B")


@pytest.fixture
def rep_a(org_a):
    return RepresentativeFactory(username="rep_a", organisation=org_a)


@pytest.fixture
def rep_b(org_b):
    return RepresentativeFactory(username="rep_b", organisation=org_b)


@pytest.fixture
def city(db):
    return PublicOrganisationFactory(name="Stockholms stad, socialförvaltningen")


@pytest.fixture
def partnership_a(city, org_a):
    """A partnership with the city and NGO A as parties, and a bilaga for A."""
    partnership = PartnershipFactory(title="Partnerskap med A")
    ParticipationFactory(partnership=partnership, organisation=city)
    participation = ParticipationFactory(partnership=partnership, organisation=org_a)
    AnnexFactory(partnership=partnership, participation=participation)
    return partnership


@pytest.fixture
def partnership_b(city, org_b):
    partnership = PartnershipFactory(title="Partnerskap med B")
    ParticipationFactory(partnership=partnership, organisation=city)
    participation = ParticipationFactory(partnership=partnership, organisation=org_b)
    AnnexFactory(partnership=partnership, participation=participation)
    return partnership


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def client_a(client, rep_a):
    client.force_login(rep_a)
    return client


@pytest.fixture
def client_b(client, rep_b):
    client.force_login(rep_b)
    return client


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Passwords hashed with a fast hasher in the tests: PBKDF2's 0.35 s of CPU a hash was paid
    at every login through the form, every demo account and every password set. Production
    keeps Django's default (iop/settings.py); no test measures the hash's strength."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _login_passes_a_request(monkeypatch):
    """django-axes checks every authenticate() against the request's address and refuses one
    without a request; Django's `client.login()` passes none. Give it one (127.0.0.1), so
    `client.login(...)` works in tests and still counts towards lockouts. `force_login` is
    unaffected."""
    from django.test import Client, RequestFactory

    original = Client.login

    def login(self, **credentials):
        credentials.setdefault("request", RequestFactory().post("/logga-in/"))
        return original(self, **credentials)

    monkeypatch.setattr(Client, "login", login)


@pytest.fixture(autouse=True)
def _swedish_by_default():
    """Every test starts in Swedish: a request in English (the language cookie) would otherwise
    leave English active in the thread for the tests after it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_requests_counted():
    """Each test starts with no request counted against the public register's rate limit
    (iop/ratelimit.py counts in the cache, which outlives a test)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def run_queue(monkeypatch):
    """Run the database queue once, as `manage.py db_worker --batch` does in production.

    The worker calls close_old_connections() between tasks, which closes a connection whose
    autocommit is off. Inside a test's transaction it always is, so on PostgreSQL the worker
    would close the test's own connection and every later test in that process would find the
    database gone (SQLite's in-memory test database ignores close()). The test's transaction
    is rolled back at its end anyway; only that call is left out."""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)

    return run
