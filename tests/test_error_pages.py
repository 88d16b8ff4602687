"""Refusals and missing pages are explained in Swedish, inside the site's layout."""

import pytest
from django.urls import reverse

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
