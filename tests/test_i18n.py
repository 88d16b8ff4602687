"""Swedish by default; the English catalogue compiles and is used when a user picks English."""

import shutil
import subprocess
import sys
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


def test_english_catalogue_translates_every_message_of_the_source(tmp_path):
    """makemessages, run on a copy of the project, finds every message the code and templates use
    already in the catalogue, translated, and none fuzzy (a guess from a similar message)."""
    copy = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "staticfiles", "media", "*.sqlite3", "bench"
        ),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--ignore=tests", "-v0"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", "locale/en/LC_MESSAGES/django.po"],
        cwd=copy,
        capture_output=True,
        text=True,
    )
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr
