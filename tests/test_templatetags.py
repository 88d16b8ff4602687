"""The money and date filters write what Django's number_format and |date:"Y-m-d" write."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format

from iop.prepared import url_for_each
from iop.templatetags.iop import iso, kr

AMOUNTS = [
    0,
    7,
    -7,
    1250000,
    "1250000",
    1.5,
    Decimal("0.00"),
    Decimal("-0.00"),
    Decimal("900.50"),
    Decimal("900.5"),
    Decimal("-1234567.89"),
    Decimal("1012500.00"),
    Decimal("1E+3"),
    Decimal("0.001"),
    Decimal("12.345"),
    Decimal("123456789012.01"),
]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_kr_writes_amounts_as_number_format_does(language):
    with translation.override(language):
        for value in AMOUNTS:
            amount = Decimal(value)
            places = 0 if amount == amount.to_integral_value() else 2
            formatted = number_format(
                amount, decimal_pos=places, use_l10n=True, force_grouping=True
            )
            assert kr(value) == f"{formatted}\xa0{translation.gettext('kr')}", value
    assert kr(None) == kr("") == ""
    assert kr("ingen summa") == "ingen summa"


def test_kr_in_swedish_groups_with_non_breaking_spaces():
    assert kr(Decimal("1250000.50")) == "1\xa0250\xa0000,50\xa0kr"


def test_iso_writes_days_as_the_date_filter_does():
    moment = datetime(2024, 3, 1, 23, 30, tzinfo=UTC)
    for value in (date(2024, 3, 1), moment, None, ""):
        assert iso(value) == date_filter(value, "Y-m-d")
    assert iso(date(2024, 3, 1)) == "2024-03-01"


def test_url_for_each_gives_what_reverse_gives():
    edit_url = url_for_each("partnerships:participation_edit")
    for pk in (1, 17, 987654321):
        assert edit_url(pk) == reverse("partnerships:participation_edit", args=[pk])
