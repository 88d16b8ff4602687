"""No lost update on the activity report: two representatives of the same organisation write
the same report; the second save (draft, submit or the background autosave) is refused with
what changed and who saved it, nothing is overwritten, and what the second typed stays."""

import pytest
from django.test import Client
from django.urls import reverse

from iop.concurrency import current_version
from reporting.models import ActivityReport, Status
from tests.factories import RepresentativeFactory
from tests.reporting.conftest import valid_raw

REFUSED = "Någon annan har ändrat det här medan du hade formuläret öppet."


@pytest.fixture
def pair(side_a, org_a):
    """Anna (rep_a) and Bo, both representatives of organisation A, each in their own session."""
    bo = RepresentativeFactory(username="bo", first_name="Bo", last_name="Berg", organisation=org_a)
    anna_client, bo_client = Client(), Client()
    anna_client.force_login(side_a.user)
    bo_client.force_login(bo)
    url = reverse("reporting:report_edit", args=[side_a.report.pk])
    return side_a, anna_client, bo_client, url


def _opened(client, url):
    return client.get(url).context["form"]["version"].value()


def test_second_draft_save_is_refused_and_keeps_the_typed_text(pair):
    a, anna, bo, url = pair
    raw = valid_raw(a.template)
    anna_version, bo_version = _opened(anna, url), _opened(bo, url)
    saved = bo.post(url, {**raw, "total": "40", "draft": "1", "version": bo_version})
    assert saved.status_code == 302
    response = anna.post(
        url, {**raw, "total": "7", "q1": "Annas svar", "draft": "1", "version": anna_version}
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert REFUSED in body
    assert "Antal personer som nåtts totalt: ”–” → ”40”" in body
    assert "Bo Berg sparade" in body
    assert 'value="7"' in body and "Annas svar" in body
    report = ActivityReport.objects.get(pk=a.report.pk)
    assert report.draft["total"] == "40"
    assert report.draft["q1"] == raw["q1"]


def test_submit_on_a_stale_form_is_refused(pair):
    a, anna, bo, url = pair
    raw = valid_raw(a.template)
    anna_version, bo_version = _opened(anna, url), _opened(bo, url)
    bo.post(url, {**raw, "total": "", "q1": "Bos svar", "draft": "1", "version": bo_version})
    response = anna.post(url, {**raw, "submit": "1", "version": anna_version})
    assert REFUSED in response.content.decode()
    report = ActivityReport.objects.get(pk=a.report.pk)
    assert report.status == Status.DRAFT
    assert report.draft["q1"] == "Bos svar"  # Bo's draft is not overwritten by Anna's
    assert report.versions.count() == 0


def test_a_colleague_submitted_meanwhile(pair):
    a, anna, bo, url = pair
    raw = valid_raw(a.template)
    anna_version, bo_version = _opened(anna, url), _opened(bo, url)
    bo.post(url, {**raw, "submit": "1", "version": bo_version})
    response = anna.post(url, {**raw, "total": "99", "draft": "1", "version": anna_version})
    assert response.status_code == 409
    body = response.content.decode()
    assert REFUSED in body and "”Utkast” → ”Inskickad”" in body
    assert 'value="99"' in body
    report = ActivityReport.objects.get(pk=a.report.pk)
    assert report.status == Status.SUBMITTED and report.figures["total"] == 12


def test_autosave_carries_the_new_version_and_refuses_a_colleagues_stale_one(pair):
    a, anna, bo, url = pair
    raw = valid_raw(a.template)
    anna_version, bo_version = _opened(anna, url), _opened(bo, url)
    first = anna.post(url, {**raw, "draft": "1", "autosave": "1", "version": anna_version})
    assert first.json()["saved"] is True
    new_version = first.json()["version"]
    assert new_version == current_version(a.report) != anna_version
    # Anna's next autosave uses the version the page was given: not mistaken for a stale one.
    second = anna.post(
        url, {**raw, "q1": "Mer", "draft": "1", "autosave": "1", "version": new_version}
    )
    assert second.json()["saved"] is True
    stale = bo.post(url, {**raw, "q1": "Bos", "draft": "1", "autosave": "1", "version": bo_version})
    assert stale.status_code == 409
    assert REFUSED in " ".join(stale.json()["messages"])
    assert ActivityReport.objects.get(pk=a.report.pk).draft["q1"] == "Mer"
