import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


PASSWORD = "demo1234"


def post_login(client, username, password=PASSWORD, ip="198.51.100.7", **extra):
    return client.post(
        "/logga-in/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        **extra,
    )


def production_env(**extra):
    """Environment for a subprocess that loads the production settings."""
    import secrets

    return {
        "PATH": "/usr/bin:/bin",
        "IOP_PRODUCTION": "1",
        "DJANGO_SETTINGS_MODULE": "iop.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "iop.stockholm.example",
        "DATABASE_URL": "postgres://iop:secret@127.0.0.1:5432/iop",
        **extra,
    }
