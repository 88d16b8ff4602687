"""Swedish by default; the English catalogue compiles and is used when a user picks English."""

import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_english_catalogue_compiles_without_errors():
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(CATALOGUE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_login_page_is_swedish_by_default_and_english_on_request(client):
    swedish = client.get(reverse("login")).content.decode()
    assert 'lang="sv"' in swedish
    assert "Logga in" in swedish

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in english
    assert "Sign in" in english
