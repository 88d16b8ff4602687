"""Tillgänglighetsredogörelsen: at a fixed URL, linked from every page's footer, with DIGG's
required contents, its "how assessed" read from the last run's axe and reflow results."""

import json
from types import SimpleNamespace

import pytest
from django.urls import reverse

from iop import a11y_results

pytestmark = pytest.mark.django_db

URL = "/tillganglighet/"


@pytest.fixture
def results(settings, tmp_path):
    settings.IOP_A11Y_RESULTS = tmp_path / "a11y"
    return settings.IOP_A11Y_RESULTS


def test_fixed_url_and_digg_contents(client, results, settings):
    settings.IOP_A11Y_FEEDBACK_EMAIL = "synpunkter@stad.example.se"
    assert reverse("accessibility") == URL
    page = client.get(URL).content.decode()
    assert "delvis förenlig med lagen om tillgänglighet till digital offentlig service" in page
    assert "Kända brister och alternativ" in page
    assert 'href="mailto:synpunkter@stad.example.se"' in page
    assert 'href="https://www.digg.se/tdosanmalan"' in page
    assert "Myndigheten för digital förvaltning (DIGG)" in page
    # No run on record: said plainly, with no figures made up.
    assert "Det finns inget registrerat resultat från den automatiska testningen" in page
    assert "sidvisningar" not in page


def test_how_assessed_comes_from_the_last_runs_results(client, results):
    def visits(*problems):
        return [SimpleNamespace(name=f"sida{i}", problems=p) for i, p in enumerate(problems)]

    a11y_results.write("axe", "partnerships", visits([], [], ["color-contrast"]))
    a11y_results.write("axe", "reporting", visits([], []))
    a11y_results.write("reflow", "partnerships", visits([], [], []))
    (results / "trasig.json").write_text("{inte json")

    page = client.get(URL).content.decode()
    assert "axe-core, WCAG 2.1 A och AA: 5 sidvisningar i 2 delar av systemet testades" in page
    assert "1 av dem hade brister" in page
    assert "320 pixlars bredd: 3 sidvisningar i 1 delar av systemet testades" in page
    assert "Vid den senaste testningen hade 1 sidvisning brister" in page
    record = json.loads((results / "axe-partnerships.json").read_text())
    assert record["failed_pages"] == ["sida2"] and record["problems"] == 1
    assert "Det finns inget registrerat resultat" not in page


@pytest.mark.parametrize("who", ["anonymous", "staff", "ngo"])
def test_every_page_links_the_statement_in_its_footer(client, staff, rep_a, who):
    user = {"anonymous": None, "staff": staff, "ngo": rep_a}[who]
    if user:
        client.force_login(user)
    page = client.get(reverse("login") if user is None else reverse("account"))
    footer = page.content.decode().split('<footer class="site-footer')[1]
    assert f'<a href="{URL}">Tillgänglighetsredogörelse</a>' in footer
