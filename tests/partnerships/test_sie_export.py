"""The SIE 4 export of payments, read back with an independent reader (sie_reader.py) and
compared with the payments in the database; the kontering and the export page."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from partnerships.models import AccountingCode, Payment
from partnerships.services.accounting import accounting_code_set
from partnerships.services.money import payment_mark_paid, payment_plan_set
from partnerships.sie import sie_file
from tests.factories import (
    AnnexFactory,
    CompensationFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)
from tests.partnerships.sie_reader import read

pytestmark = pytest.mark.django_db


def _paid_payments(partnership, organisation, paid, staff):
    """A bilaga paid quarterly in 2024 (four payments of 300 000 kr); the i-th payment marked
    paid on paid[i] = (day, amount), or left planned where paid[i] is None."""
    participation = ParticipationFactory(partnership=partnership, organisation=organisation)
    annex = AnnexFactory(participation=participation)
    CompensationFactory(annex=annex, amount=Decimal("1200000"))
    payment_plan_set(annex=annex, rule="quarterly_in_advance", actor=staff, reason="Avtalet")
    payments = list(annex.payments.order_by("due_on"))
    for payment, step in zip(payments, paid, strict=False):
        if step:
            payment_mark_paid(
                payment, paid_on=step[0], paid_amount=step[1], actor=staff, reason="Utbetald"
            )
    return payments


@pytest.fixture
def books(staff):
    coded = PartnershipFactory(title='Boende "Hem" för unga', registration_number="SOF 2024/7")
    gemenskap = OrganisationFactory(name="Föreningen Gemenskap")
    _paid_payments(
        coded,
        gemenskap,
        [
            (date(2024, 1, 5), Decimal("300000")),
            (date(2024, 4, 3), Decimal("290000.50")),
            (date(2024, 7, 2), Decimal("300000")),
            None,
        ],
        staff,
    )
    accounting_code_set(
        partnership=coded,
        valid_from=date(2024, 1, 1),
        account="4590",
        cost_centre="KS100",
        project="P1",
        actor=staff,
        reason="Ekonomienheten",
    )
    accounting_code_set(
        partnership=coded,
        valid_from=date(2024, 6, 1),
        account="4591",
        cost_centre="KS200",
        actor=staff,
        reason="Ny organisation",
    )
    uncoded = PartnershipFactory(title="Läxhjälp")
    _paid_payments(uncoded, OrganisationFactory(), [(date(2024, 2, 1), Decimal("300000"))], staff)
    return coded, uncoded


def _in_database(start, end):
    return {
        p.pk: p.paid_amount
        for p in Payment.objects.filter(status=Payment.Status.PAID, paid_on__range=(start, end))
    }


def test_the_file_reads_back_as_the_payments_paid_in_the_period(books):
    start, end = date(2024, 1, 1), date(2024, 6, 30)
    sie = read(sie_file(start, end, generated_by="Hanna Handläggare"))

    assert sie.first("#FORMAT") == ["PC8"]
    assert sie.first("#SIETYP") == ["4"]
    assert sie.first("#RAR") == ["0", "20240101", "20241231"]
    paid = _in_database(start, end)
    assert len(sie.verifications) == len(paid) == 3  # July's and the planned one are not in it
    for verification in sie.verifications:
        assert sum(amount for _a, _o, amount in verification.transactions) == 0
    debits = [t for v in sie.verifications for t in v.transactions if t[2] > 0]
    assert sum(amount for _a, _o, amount in debits) == sum(paid.values())
    by_centre = {}
    for _account, objects, amount in debits:
        key = objects.get("1", "")
        by_centre[key] = by_centre.get(key, 0) + amount
    assert by_centre == {"KS100": Decimal("590000.50"), "": Decimal("300000")}
    assert [t[:2] for t in sie.verifications[0].transactions] == [
        ("4590", {"1": "KS100", "6": "P1"}),
        ("1930", {}),
    ]
    assert ["1", "KS100", 'Boende "Hem" för unga'] in sie.labels["#OBJEKT"]
    assert sie.verifications[0].text == (
        'Utbetalning Föreningen Gemenskap, Boende "Hem" för unga SOF 2024/7'
    )
    assert [v.day for v in sie.verifications] == ["20240105", "20240201", "20240403"]
    # The receiving system numbers them: no number of ours to clash with last month's file.
    assert {v.number for v in sie.verifications} == {""}


def test_each_payment_is_booked_by_the_kontering_in_force_on_its_day(books):
    sie = read(sie_file(date(2024, 1, 1), date(2024, 12, 31)))
    july = sie.verifications[-1]
    assert july.day == "20240702"
    assert july.transactions[0][:2] == ("4591", {"1": "KS200"})
    accounts = {fields[0] for fields in sie.labels["#KONTO"]}
    assert accounts == {"1930", "4590", "4591"}


def test_a_period_without_payments_is_a_file_without_verifications(books):
    sie = read(sie_file(date(2024, 11, 1), date(2024, 11, 30)))
    assert sie.verifications == []
    assert sie.first("#SIETYP") == ["4"]


def test_export_page_shows_the_sums_and_the_partnerships_without_kontering(books, staff_client):
    url = reverse("partnerships:sie_export")
    html = staff_client.get(url, {"start": "2024-01-01", "end": "2024-06-30"}).content.decode()
    assert "3 utbetalningar" in html
    assert "Läxhjälp" in html and "saknar kontering" in html
    response = staff_client.get(url, {"start": "2024-01-01", "end": "2024-06-30", "fil": "sie"})
    assert response["Content-Disposition"] == (
        'attachment; filename="utbetalningar-2024-01-01-2024-06-30.si"'
    )
    assert len(read(response.content).verifications) == 3


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2024-06-30", "2024-01-01", "Sista dagen kan inte vara före den första."),
        ("2024-12-01", "2025-01-31", "En fil gäller ett räkenskapsår"),
        ("2024-13-45", "2024-12-31", "Skriv datumet som ÅÅÅÅ-MM-DD."),
        ("", "2024-12-31", "Ange första dagen."),
    ],
)
def test_export_page_refuses_a_bad_period_in_swedish(staff_client, start, end, message):
    response = staff_client.get(reverse("partnerships:sie_export"), {"start": start, "end": end})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Hämta SIE-filen" not in html
    assert f'value="{end}"' in html  # what was typed stays


def test_only_staff_reach_the_export(client_a):
    from django.test import Client

    url = reverse("partnerships:sie_export") + "?start=2024-01-01&end=2024-12-31&fil=sie"
    assert client_a.get(url).status_code == 403
    assert Client().get(url).status_code == 302


def test_kontering_is_added_with_its_reason_and_a_clash_is_refused(staff_client, staff):
    partnership = PartnershipFactory()
    url = reverse("partnerships:accounting_code_create", args=[partnership.pk])
    data = {
        "valid_from": "2024-01-01",
        "account": "4590",
        "cost_centre": "KS100",
        "project": "",
        "reason": "Ekonomienhetens besked",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302
    code = AccountingCode.objects.get(partnership=partnership)
    assert code.history.get().history_change_reason == "Ekonomienhetens besked"
    html = staff_client.get(response["Location"]).content.decode()
    assert "KS100" in html

    again = staff_client.post(url, {**data, "cost_centre": "KS999"}).content.decode()
    assert "Det finns redan en kontering från den dagen" in again
    assert 'value="KS999"' in again
    bad = staff_client.post(url, {**data, "valid_from": "2024-02-01", "account": "45a"})
    assert "Ett konto är fyra till sex siffror" in bad.content.decode()
    assert AccountingCode.objects.filter(partnership=partnership).count() == 1
