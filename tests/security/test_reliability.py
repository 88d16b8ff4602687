"""A database outage answers 503 with a Swedish page and Retry-After; other errors stay 500."""

import pytest
from django.test import Client


@pytest.mark.urls("tests.security.urls")
@pytest.mark.django_db
def test_database_outage_is_a_503_that_says_to_retry(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/test-db-nere/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    body = response.content.decode()
    assert "Tillfälligt avbrott" in body
    assert "har det inte sparats" in body


@pytest.mark.urls("tests.security.urls")
@pytest.mark.django_db
def test_other_errors_stay_500(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/test-fel/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Något gick fel" in body and "Server Error" not in body


def test_project_uses_the_handler():
    from iop import urls

    assert urls.handler500 == "iop.reliability.server_error"
