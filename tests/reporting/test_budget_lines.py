"""Budget lines of a bilaga: changed and removed from the partnership's reporting page, each
with a reason in the history; a line a handed-in financial statement reports against stays."""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from reporting.models import BudgetLine
from reporting.services.statements import statement_save_and_submit
from tests.factories import UserFactory

CANCEL = re.compile(r'<a href="([^"]*)">Avbryt</a>')


def _reporting_page(client, side):
    return client.get(reverse("reporting:partnership", args=[side.partnership.pk])).content.decode()


def test_staff_change_a_budget_line_with_a_reason(side_a, staff_client, staff):
    line = side_a.budget_line
    url = reverse("reporting:budget_line_edit", args=[line.pk])
    overview = reverse("reporting:partnership", args=[side_a.partnership.pk])
    assert f'href="{url}"' in _reporting_page(staff_client, side_a)
    form = staff_client.get(url).content.decode()
    assert unescape(CANCEL.search(form).group(1)) == overview

    response = staff_client.post(
        url,
        {"order": 0, "label": "Personal och arvoden", "amount": "450000", "reason": "Ny budget"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == overview
    assert "Personal och arvoden: 450" in response.content.decode()
    latest = BudgetLine.objects.get(pk=line.pk).history.latest()
    assert (latest.history_change_reason, latest.history_user) == ("Ny budget", staff)


def test_a_budget_line_change_without_reason_keeps_what_was_typed(side_a, staff_client):
    line = side_a.budget_line
    response = staff_client.post(
        reverse("reporting:budget_line_edit", args=[line.pk]),
        {"order": 0, "label": "Lokalhyra", "amount": "-5", "reason": ""},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Skriv en kort anledning till ändringen." in page
    assert "Beloppet kan inte vara negativt." in page
    assert 'value="Lokalhyra"' in page
    line.refresh_from_db()
    assert (line.label, line.amount) == ("Personal", Decimal("400000"))


def test_staff_remove_a_budget_line_no_statement_has_handed_in(side_a, staff_client, staff):
    line = side_a.budget_line
    url = reverse("reporting:budget_line_delete", args=[line.pk])
    overview = reverse("reporting:partnership", args=[side_a.partnership.pk])
    assert f'href="{url}"' in _reporting_page(staff_client, side_a)
    assert unescape(CANCEL.search(staff_client.get(url).content.decode()).group(1)) == overview

    response = staff_client.post(url, {"reason": "Posten slogs ihop med Lokaler"}, follow=True)

    assert response.redirect_chain[-1][0] == overview
    page = response.content.decode()
    assert "Budgetposten är borttagen." in page
    assert "Ingen budget registrerad." in page
    deletion = BudgetLine.history.get(id=line.pk, history_type="-")
    assert deletion.history_change_reason == "Posten slogs ihop med Lokaler"
    assert deletion.history_user == staff


def test_a_budget_line_a_handed_in_statement_reports_against_stays(side_a, staff_client):
    line = side_a.budget_line
    statement_save_and_submit(
        side_a.statement,
        actuals={str(line.pk): "380000"},
        own_money="0",
        volunteer_hours="0",
        comment="",
        actor=side_a.user,
    )
    url = reverse("reporting:budget_line_delete", args=[line.pk])
    # The delete page says why before anyone writes a reason, and offers no delete.
    page = staff_client.get(url).content.decode()
    assert "Budgetposten har belopp i en inskickad ekonomisk redovisning" in page
    assert 'name="reason"' not in page

    response = staff_client.post(url, {"reason": "Fel post"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Budgetposten har belopp i en inskickad ekonomisk redovisning" in page
    assert 'value="Fel post"' in page
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_admin_refuses_to_delete_a_budget_line_a_handed_in_statement_reports_against(
    side_a, client
):
    line = side_a.budget_line
    statement_save_and_submit(
        side_a.statement,
        actuals={str(line.pk): "380000"},
        own_money="0",
        volunteer_hours="0",
        comment="",
        actor=side_a.user,
    )
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    change_url = reverse("admin:reporting_budgetline_change", args=[line.pk])
    delete_url = reverse("admin:reporting_budgetline_delete", args=[line.pk])
    assert delete_url not in client.get(change_url).content.decode()
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:reporting_budgetline_changelist")
    data = {"action": "delete_selected", "_selected_action": [line.pk], "post": "yes"}
    assert "inskickad ekonomisk redovisning" in client.post(changelist, data).content.decode()
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_admin_deletes_a_budget_line_no_statement_has_handed_in(side_a, client):
    line = side_a.budget_line
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    client.post(reverse("admin:reporting_budgetline_delete", args=[line.pk]), {"post": "yes"})
    assert not BudgetLine.objects.filter(pk=line.pk).exists()


@pytest.mark.parametrize("name", ["reporting:budget_line_edit", "reporting:budget_line_delete"])
def test_representatives_cannot_change_budget_lines(side_a, client, rep_a, rep_b, name):
    url = reverse(name, args=[side_a.budget_line.pk])
    assert client.get(url)["Location"].startswith(reverse("login"))
    for rep in (rep_a, rep_b):
        client.force_login(rep)
        assert (
            client.post(url, {"reason": "Försök", "label": "X", "amount": "1"}).status_code == 403
        )
    assert BudgetLine.objects.get(pk=side_a.budget_line.pk).label == "Personal"
