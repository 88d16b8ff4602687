"""A form opened from a tab of the partnership page goes back to that tab: "Avbryt" leads there,
and so does the redirect after saving."""

import re
from html import unescape

import pytest
from django.urls import reverse

from partnerships.services.agreements import clause_create
from partnerships.services.amendments import amendment_create
from tests.factories import GoalFactory, before_signing

CANCEL = re.compile(r'<a href="([^"]*)">Avbryt</a>')


def _cancel_href(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(CANCEL.search(response.content.decode()).group(1))


def _tab(partnership, tab):
    return reverse("partnerships:section", args=[partnership.pk, tab])


@pytest.fixture
def partnership_a(partnership_a):
    """Still in negotiation: before signing, goals and clauses are edited and removed freely
    (once signed they change only by amendment, tests/partnerships/test_change_control.py)."""
    return before_signing(partnership_a)


@pytest.fixture
def objects(partnership_a, staff):
    goal = GoalFactory(partnership=partnership_a)
    clause = clause_create(
        partnership=partnership_a, order=1, heading="Ekonomi", body="Text", actor=staff, reason="x"
    )
    amendment = amendment_create(
        partnership=partnership_a,
        title="Ny titel",
        target="partnership",
        changes={"title": "X"},
        actor=staff,
        reason="Utkast",
    )
    return {"goal": goal, "clause": clause, "amendment": amendment}


def test_cancel_returns_to_the_tab_the_form_was_opened_from(staff_client, partnership_a, objects):
    pk = partnership_a.pk
    text = reverse("partnerships:agreement_text", args=[pk])
    amendment = objects["amendment"].get_absolute_url()
    expected = {
        reverse("partnerships:goal_create", args=[pk]): f"{text}#mal",
        reverse("partnerships:goal_edit", args=[objects["goal"].pk]): f"{text}#mal",
        reverse("partnerships:goal_delete", args=[objects["goal"].pk]): f"{text}#mal",
        reverse("partnerships:clause_edit", args=[objects["clause"].pk]): f"{text}#avtalstext",
        reverse("partnerships:lifecycle_step", args=[pk]): (
            f"{_tab(partnership_a, 'livscykel')}#livscykel"
        ),
        reverse("partnerships:committee_case_create", args=[pk]): (
            f"{_tab(partnership_a, 'livscykel')}#namndarenden"
        ),
        reverse("partnerships:amendment_create", args=[pk]): (
            f"{_tab(partnership_a, 'andringar')}#andringar"
        ),
        reverse("partnerships:signature_create", args=[pk]): (
            f"{_tab(partnership_a, 'andringar')}#underskrifter"
        ),
        # Opened from the amendment's own page, back to it.
        reverse("partnerships:signature_create", args=[pk])
        + f"?andring={objects['amendment'].pk}": amendment,
        reverse("partnerships:amendment_edit", args=[objects["amendment"].pk]): amendment,
        reverse("partnerships:create"): reverse("partnerships:list"),
    }
    found = {url: _cancel_href(staff_client, url) for url in expected}
    assert found == expected


def test_saving_lands_where_cancel_leads(staff_client, partnership_a, objects):
    goal_url = reverse("partnerships:goal_edit", args=[objects["goal"].pk])
    cancel = _cancel_href(staff_client, goal_url)
    saved = staff_client.post(goal_url, {"order": 1, "text": "Färre hemlösa", "reason": "Beslut"})
    assert saved.status_code == 302 and saved["Location"] == cancel

    clause_url = reverse("partnerships:clause_create", args=[partnership_a.pk])
    cancel = _cancel_href(staff_client, clause_url)
    saved = staff_client.post(
        clause_url, {"order": 2, "heading": "Tvister", "body": "Samråd", "reason": "Beslut"}
    )
    assert saved.status_code == 302 and saved["Location"] == cancel
