"""The error summary (templates/partials/error_summary.html): every page with a form shows it when
the form is refused, at the top, with one link per error leading to the field it is about.

Every form page is found the way the fuzz test finds them (the URL walk's routes that show a
POST form, as the person whose form it is) and sent empty: a form that refuses it must list each
error shown at a field in the summary, as a link to that field."""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings as django_settings
from django.urls import reverse

from iop.form_html import error_links
from tests.security.test_fuzz import GROUPS, fuzz_targets
from tests.security.test_url_walk import _world

TEMPLATES = Path(django_settings.BASE_DIR) / "templates"
SUMMARY = re.compile(
    r'<div class="error-summary" role="alert" tabindex="-1"[^>]*>(.*?)</div>', re.S
)
LINK = re.compile(r'<a href="#([^"]+)">(.*?)</a>', re.S)
FIELD_ERRORS = re.compile(r'<div class="errors" id="([^"]+)_error">(.*?)</div>', re.S)
MESSAGE = re.compile(r"<p>(.*?)</p>", re.S)
IDS = re.compile(r'\bid="([^"]+)"')
# What a form's frame is written with: the shared partial, or a field's errors by hand.
SHOWS_FIELDS = re.compile(r"partials/form_fields\.html|field\.errors|form\.[a-z_]+\.errors")


def _templates_with_fields():
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        parts = path.relative_to(TEMPLATES).parts
        if "partials" not in parts and parts[0] != "admin" and SHOWS_FIELDS.search(text):
            yield path.relative_to(TEMPLATES), text


def test_every_form_template_includes_the_summary():
    """One summary, included by every template that shows a form's fields; none of the copies
    of "Rätta de markerade fälten" it replaced is left."""
    checked = dict(_templates_with_fields())
    assert len(checked) >= 25
    missing = [str(p) for p, text in checked.items() if "partials/error_summary.html" not in text]
    assert missing == []
    copies = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if "Rätta de markerade fälten" in path.read_text()
        or 'class="form-errors" role=' in path.read_text()
    ]
    assert copies == []


class GroupForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label="Namn")
    kinds = forms.MultipleChoiceField(
        label="Slag", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    when = forms.DateField(label="Datum", required=False)

    def clean(self):
        raise forms.ValidationError("Någon annan har ändrat det här.")


def test_each_error_links_to_its_field_and_the_rest_to_the_first_field():
    form = GroupForm({"version": "x", "when": "igår"})
    assert error_links(form, ["Rapporten är låst."]) == [
        ("id_name", "Någon annan har ändrat det här."),
        ("id_name", "Fyll i ett heltal."),  # the hidden field's error: nowhere of its own to go
        ("id_name", "Rapporten är låst."),
        ("id_name", "Namn: Detta fält måste fyllas i."),
        ("id_kinds_0", "Slag: Detta fält måste fyllas i."),  # a group: its first box
        ("id_when", "Datum: Fyll i ett giltigt datum."),
    ]
    assert error_links(GroupForm(), "") == []
    assert error_links(None, "Koden kunde inte skickas.") == [("", "Koden kunde inte skickas.")]


def _summary_lists_every_error(page, where):
    """The page's summary links each error shown at a field to that field, with its text; the
    links lead to elements of the page. Returns the number of links."""
    summaries = SUMMARY.findall(page)
    assert len(summaries) == 1, f"{where}: {len(summaries)} error summaries"
    links = LINK.findall(summaries[0])
    ids = set(IDS.findall(page))
    assert links, f"{where}: a summary without links"
    for target, _text in links:
        assert target in ids, f"{where}: the summary links to #{target}, not on the page"
    for field_id, block in FIELD_ERRORS.findall(page):
        for message in MESSAGE.findall(block):
            assert any(
                target in (field_id, f"{field_id}_0") and text.endswith(message)
                for target, text in links
            ), f"{where}: {message!r} at #{field_id} is not in the summary"
    return len(links)


@pytest.mark.django_db
@pytest.mark.parametrize("group", list(GROUPS))
def test_refused_forms_list_each_error_in_the_summary(
    group, client, partnership_a, org_a, rep_a, staff, city, settings, tmp_path
):
    settings.IOP_REQUIRE_MFA = False
    settings.MEDIA_ROOT = tmp_path / "media"
    world = _world(
        partnership_a, org_a, rep_a, staff, city, {"lifecycle", "governance", "reporting"}
    )
    refused = []
    for name, user, url, _names in fuzz_targets(client, world, staff, GROUPS[group]):
        client.force_login(user)
        response = client.post(url, {})
        if response.status_code in (200, 400, 409):
            page = response.content.decode()
            if 'class="errors"' in page or 'id="form-errors"' in page:
                _summary_lists_every_error(page, f"{name} POST {url}")
                refused.append(name)
    # Every group has forms that refuse an empty submit (each of their required fields).
    assert refused, group


@pytest.mark.django_db
def test_the_review_page_refusal_is_summarised_and_its_url_reloads(
    staff_client, partnership_a, org_a, rep_a, staff, city, settings, tmp_path
):
    """Returning a report with no comment: the summary at the top links to the comment box, and
    the URL the refusal is shown at leads back to the report on a reload (no 405)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    world = _world(partnership_a, org_a, rep_a, staff, city, {"reporting"})
    report = world.side.report
    url = reverse("reporting:report_review", args=[report.pk])
    response = staff_client.post(url, {"decision": "return", "comment": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert page.index("error-summary") < page.index("<h1")
    assert _summary_lists_every_error(page, "report_review") == 1
    assert (
        '<a href="#id_comment">Vad behöver kompletteras? Skriv vad som behöver kompletteras.</a>'
        in page
    )
    reload = staff_client.get(url)
    assert reload.status_code == 302 and reload.url == report.get_absolute_url()
    assert staff_client.get(reload.url).status_code == 200


@pytest.mark.django_db
def test_the_partnership_form_asks_the_reason_first(staff_client):
    response = staff_client.post(reverse("partnerships:create"), {})
    page = response.content.decode()
    assert page.index('for="id_reason"') < page.index('for="id_title"')
    summary = SUMMARY.search(page).group(1)
    assert LINK.findall(summary)[0] == (
        "id_reason",
        "Anledning till ändringen: Skriv en kort anledning till ändringen.",
    )
