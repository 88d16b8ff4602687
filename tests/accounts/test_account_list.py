"""Staff's list of representatives' accounts sorted and downloaded (iop/tables.py); nobody else
gets it."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import OrganisationFactory, RepresentativeFactory

URL = "accounts:list"


@pytest.fixture
def accounts(db):
    bryggan, ankaret = OrganisationFactory(name="Bryggan"), OrganisationFactory(name="Ankaret")
    return [
        RepresentativeFactory(
            username="cecilia",
            first_name="Cecilia",
            last_name="Ek",
            email="a@x.se",
            organisation=bryggan,
        ),
        RepresentativeFactory(
            username="adam",
            first_name="Adam",
            last_name="Berg",
            email="c@x.se",
            organisation=ankaret,
            is_active=False,
        ),
        RepresentativeFactory(
            username="bodil",
            first_name="Bodil",
            last_name="Al",
            email="=b@x.se",
            organisation=bryggan,
        ),
    ]


def _usernames(client, sort):
    response = client.get(reverse(URL), {"sortera": sort})
    assert response.status_code == 200
    return [a.username for a in response.context["page"].object_list]


@pytest.mark.parametrize(
    "column,ascending",
    [
        ("namn", ["bodil", "adam", "cecilia"]),
        ("e-post", ["bodil", "cecilia", "adam"]),
        ("organisation", ["adam", "bodil", "cecilia"]),
        # Active ones first.
        ("status", ["bodil", "cecilia", "adam"]),
    ],
)
def test_accounts_sort_by_each_column(staff_client, accounts, column, ascending):
    assert _usernames(staff_client, column) == ascending
    # Those that sort equal keep the list's own order (organisation, surname) both ways.
    descending = {
        "organisation": ["bodil", "cecilia", "adam"],
        "status": ["adam", "bodil", "cecilia"],
    }.get(column, ascending[::-1])
    assert _usernames(staff_client, "-" + column) == descending


def test_accounts_export_with_formulas_neutralised(staff_client, accounts):
    url = reverse(URL)
    response = staff_client.get(url, {"sortera": "namn", "exportera": "csv"})
    text = response.content.decode().removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Namn", "E-post", "Organisation", "Status"]
    assert [r[1] for r in rows[1:]] == ["'=b@x.se", "c@x.se", "a@x.se"]
    assert rows[2][3] == "Inaktiverat"
    response = staff_client.get(url, {"sortera": "namn", "exportera": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert [r[2] for r in values[1:]] == ["Bryggan", "Ankaret", "Bryggan"]


def test_accounts_are_not_exported_to_others(client, rep_a, accounts):
    url = reverse(URL)
    response = client.get(url, {"exportera": "csv"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(rep_a)
    assert client.get(url, {"exportera": "csv"}).status_code in (403, 404)
