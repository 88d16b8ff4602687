"""Every reporting form has an "Avbryt" back to the page that shows what it changes (the
partnership's reporting page for its set-up, the object's own page, the list an entry is on),
and saving lands there too."""

import re
from html import unescape

import pytest
from django.urls import reverse

CANCEL = re.compile(r'<a href="([^"]*)">Avbryt</a>')


def _cancel_href(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    found = CANCEL.search(response.content.decode())
    assert found, f"no Avbryt on {url}"
    return unescape(found.group(1))


def test_staff_forms_cancel_to_where_the_object_is_shown(staff_client, side_a, rep_a):
    pk = side_a.partnership.pk
    overview = f"/rapporter/partnerskap/{pk}/"
    expected = {
        f"/rapporter/partnerskap/{pk}/mall/ny/": overview,
        f"/rapporter/partnerskap/{pk}/perioder/regel/": overview,
        f"/rapporter/partnerskap/{pk}/perioder/extra/": overview,
        f"/rapporter/perioder/{side_a.period.pk}/flytta/": overview,
        f"/rapporter/bilagor/{side_a.annex.pk}/budget/ny/": overview,
        f"/rapporter/budget/{side_a.budget_line.pk}/andra/": overview,
        f"/rapporter/budget/{side_a.budget_line.pk}/ta-bort/": overview,
        # The summary and the assessment are edited on the compilation's own page.
        f"/rapporter/halvar/{side_a.halfyear.pk}/": f"/rapporter/halvar/{side_a.halfyear.pk}/",
        f"/rapporter/arlig/{side_a.annual.pk}/": f"/rapporter/arlig/{side_a.annual.pk}/",
        "/rapporter/konton/bjud-in/": "/rapporter/konton/",
        f"/rapporter/konton/{rep_a.pk}/aktiv/": "/rapporter/konton/",
    }
    found = {url: _cancel_href(staff_client, url) for url in expected}
    assert found == expected


def test_representative_forms_cancel_to_where_the_object_is_shown(client_a, side_a):
    expected = {
        f"/rapporter/verksamhet/{side_a.report.pk}/andra/": (
            f"/rapporter/verksamhet/{side_a.report.pk}/"
        ),
        f"/rapporter/ekonomi/{side_a.statement.pk}/andra/": (
            f"/rapporter/ekonomi/{side_a.statement.pk}/"
        ),
        "/rapporter/synpunkter/ny/": "/rapporter/synpunkter/",
        f"/rapporter/synpunkter/{side_a.feedback.pk}/andra/": "/rapporter/synpunkter/",
        f"/rapporter/synpunkter/{side_a.feedback.pk}/ta-bort/": "/rapporter/synpunkter/",
    }
    found = {url: _cancel_href(client_a, url) for url in expected}
    assert found == expected


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("period_move", {"due_date": "2031-01-31", "reason": "Styrgruppen beslutade"}),
        ("template_create", {"questions": "Vad har ni gjort?", "reason": "Ny mall"}),
    ],
)
def test_staff_saving_lands_where_cancel_leads(staff_client, side_a, name, data):
    arg = side_a.period.pk if name == "period_move" else side_a.partnership.pk
    url = reverse(f"reporting:{name}", args=[arg])
    cancel = _cancel_href(staff_client, url)
    saved = staff_client.post(url, data)
    assert saved.status_code == 302 and saved["Location"] == cancel


def test_halfyear_summary_saved_lands_where_cancel_leads(staff_client, side_a):
    url = reverse("reporting:halfyear_detail", args=[side_a.halfyear.pk])
    cancel = _cancel_href(staff_client, url)
    saved = staff_client.post(url, {"summary": "Ett lugnt halvår."})
    assert saved.status_code == 302 and saved["Location"] == cancel


def test_representative_saving_lands_where_cancel_leads(client_a, side_a):
    statement = reverse("reporting:statement_edit", args=[side_a.statement.pk])
    cancel = _cancel_href(client_a, statement)
    saved = client_a.post(
        statement,
        {
            f"line_{side_a.budget_line.pk}": "100000",
            "own_money": "0",
            "volunteer_hours": "10",
            "comment": "",
            "save": "1",
        },
    )
    assert saved.status_code == 302 and saved["Location"] == cancel

    feedback = reverse("reporting:feedback_create")
    cancel = _cancel_href(client_a, feedback)
    saved = client_a.post(
        feedback,
        {"period": side_a.periods[1].pk, "category": "complaint", "count": 1, "handling": "Svar"},
    )
    assert saved.status_code == 302 and saved["Location"] == cancel
