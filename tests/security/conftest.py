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
