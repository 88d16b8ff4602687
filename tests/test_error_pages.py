"""Refusals and missing pages are explained in Swedish, inside the site's layout."""

import pytest
from django.test import Client
from django.urls import reverse

from partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def test_a_missing_page_says_so_in_swedish(staff_client):
    response = staff_client.get("/partnerskap/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Sidan finns inte" in page
    assert "Not Found" not in page
    assert f'href="{reverse("home")}"' in page


def test_another_organisations_object_is_refused_in_swedish(client_b, partnership_a):
    response = client_b.get(reverse("partnerships:detail", args=[partnership_a.pk]))
    assert response.status_code in (403, 404)
    page = response.content.decode()
    assert "Ingen behörighet" in page or "Sidan finns inte" in page
    assert "Forbidden" not in page and "Not Found" not in page
    assert "Partnerskap med A" not in page


def test_a_refused_form_token_is_explained_in_swedish_and_saves_nothing(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    form_url = reverse("partnerships:create")
    client.get(form_url)  # the form was opened; its token has since gone stale
    response = client.post(
        form_url,
        {"title": "Skickat för sent", "csrfmiddlewaretoken": "x" * 64},
        HTTP_REFERER=f"http://testserver{form_url}",
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formuläret kunde inte tas emot" in page
    assert "Ingenting har sparats." in page
    assert "ladda om sidan och skicka det igen" in page
    assert f'<a href="http://testserver{form_url}">Öppna formuläret igen</a>' in page
    assert "Forbidden" not in page and "CSRF" not in page
    assert not Partnership.objects.filter(title="Skickat för sent").exists()


def test_a_refused_login_form_is_explained_without_a_link_elsewhere():
    response = Client(enforce_csrf_checks=True).post(
        reverse("login"),
        {"username": "vem", "password": "x"},
        HTTP_REFERER="https://example.com/login/",
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formuläret kunde inte tas emot" in page
    assert "example.com" not in page
