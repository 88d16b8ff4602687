"""A committee decision's delegations changed or removed with a reason, from where they are listed
(the Nämndärenden section of the Livscykel tab), and recorded in the partnership's history."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from partnerships.models import Delegation
from partnerships.services.committee import (
    committee_case_create,
    committee_decision_create,
    delegation_create,
)
from partnerships.tabs import section_url

pytestmark = pytest.mark.django_db

CANCEL = re.compile(r'<a href="([^"]*)">Avbryt</a>')


@pytest.fixture
def delegation(partnership_a, staff):
    case = committee_case_create(
        partnership=partnership_a,
        title="Partnerskap med A",
        proposal_date=date(2024, 11, 20),
        actor=staff,
        reason="Tjänsteutlåtande",
    )
    decision = committee_decision_create(
        case=case,
        decided_on=date(2024, 12, 10),
        points="1. Nämnden ingår partnerskapet.",
        delegations=[
            {
                "to_whom": "Socialdirektören",
                "kind": Delegation.Kind.STOP_PAYMENTS,
                "scope": "Stoppa utbetalning vid brister.",
            }
        ],
        actor=staff,
        reason="Protokoll",
    )
    return decision.delegations.get()


def _tab(partnership):
    return reverse("partnerships:section", args=[partnership.pk, "livscykel"])


def _edit_url(delegation):
    return reverse("partnerships:delegation_edit", args=[delegation.pk])


def _delete_url(delegation):
    return reverse("partnerships:delegation_delete", args=[delegation.pk])


def _history(client, partnership):
    return client.get(reverse("partnerships:history", args=[partnership.pk])).content.decode()


def test_a_delegation_is_changed_with_a_reason(staff_client, staff, partnership_a, delegation):
    back = section_url(partnership_a.pk, "namndarenden")
    listed = staff_client.get(_tab(partnership_a)).content.decode()
    assert f'href="{_edit_url(delegation)}"' in listed

    form = staff_client.get(_edit_url(delegation)).content.decode()
    assert 'value="Socialdirektören"' in form and "Stoppa utbetalning vid brister." in form
    assert unescape(CANCEL.search(form).group(1)) == back

    response = staff_client.post(
        _edit_url(delegation),
        {
            "to_whom": "Avdelningschefen",
            "kind": Delegation.Kind.CHANGE_COMMITMENTS,
            "scope": "Ändra åtaganden inom ramen för bilagan.",
            "reason": "Fel delegat i protokollsutdraget",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == back
    page = response.content.decode()
    assert "Ändringen är sparad." in page
    assert "Avdelningschefen" in page and "Ändra åtaganden inom partnerskapet" in page
    assert "Socialdirektören" not in page

    latest = delegation.history.first()
    assert latest.history_change_reason == "Fel delegat i protokollsutdraget"
    assert latest.history_user == staff
    assert "Fel delegat i protokollsutdraget" in _history(staff_client, partnership_a)


def test_a_refused_change_keeps_what_was_typed(staff_client, delegation):
    response = staff_client.post(
        _edit_url(delegation),
        {"to_whom": "Avdelningschefen", "kind": "other", "scope": "", "reason": "Rättelse"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Detta fält måste fyllas i." in page and 'value="Avdelningschefen"' in page
    delegation.refresh_from_db()
    assert delegation.to_whom == "Socialdirektören"


def test_a_delegation_is_removed_with_a_reason(staff_client, staff, partnership_a, delegation):
    back = section_url(partnership_a.pk, "namndarenden")
    listed = staff_client.get(_tab(partnership_a)).content.decode()
    assert f'href="{_delete_url(delegation)}"' in listed

    confirm = staff_client.get(_delete_url(delegation)).content.decode()
    assert "Socialdirektören" in confirm
    assert unescape(CANCEL.search(confirm).group(1)) == back

    response = staff_client.post(
        _delete_url(delegation), {"reason": "Nämnden upphävde delegationen"}, follow=True
    )
    assert response.redirect_chain[-1][0] == back
    page = response.content.decode()
    assert "Delegationen är borttagen." in page and "Socialdirektören" not in page
    assert not Delegation.objects.filter(pk=delegation.pk).exists()
    deletion = Delegation.history.get(id=delegation.pk, history_type="-")
    assert (deletion.history_change_reason, deletion.history_user) == (
        "Nämnden upphävde delegationen",
        staff,
    )
    assert "Nämnden upphävde delegationen" in _history(staff_client, partnership_a)


def test_removing_needs_a_reason(staff_client, delegation):
    response = staff_client.post(_delete_url(delegation), {"reason": ""})
    assert response.status_code == 200
    assert "Skriv en kort anledning till ändringen." in response.content.decode()
    assert Delegation.objects.filter(pk=delegation.pk).exists()


@pytest.mark.parametrize("url", [_edit_url, _delete_url])
def test_only_staff_change_or_remove_delegations(client, rep_a, rep_b, delegation, url):
    posted = {"to_whom": "Jag", "kind": "other", "scope": "Allt", "reason": "Försök"}
    for user in (rep_a, rep_b):
        client.force_login(user)
        assert client.get(url(delegation)).status_code == 403
        assert client.post(url(delegation), posted).status_code == 403
    client.logout()
    response = client.get(url(delegation))
    assert response.status_code == 302 and "/logga-in/" in response["Location"]
    delegation.refresh_from_db()
    assert delegation.to_whom == "Socialdirektören"


def test_livscykel_tab_query_count_does_not_grow_with_delegations(
    staff_client, staff, partnership_a, delegation, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = _tab(partnership_a)
    staff_client.get(url)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url)
    for n in range(8):
        delegation_create(
            decision=delegation.decision,
            to_whom=f"Enhetschef {n}",
            scope="Beslut om åtaganden",
            actor=staff,
            reason="Delegation",
        )
    with django_assert_num_queries(len(few.captured_queries)):
        page = staff_client.get(url).content.decode()
    assert page.count("/delegationer/") >= 2 * 9
