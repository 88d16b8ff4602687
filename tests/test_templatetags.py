"""The money and date filters write what Django's number_format and |date:"Y-m-d" write."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from iop.prepared import url_for_each
from iop.templatetags.iop import iso, kr, paragraphs

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


def _paragraphs_through_format_html(text, markers=""):
    """The filter as it was written with format_html_join, to hold the faster one to."""
    if not text:
        return ""
    in_text = markers == "text"
    list_open = '<ul class="text-markers">' if in_text else "<ul>"
    item = "<li>\u2022 {}</li>" if in_text else "<li>{}</li>"
    blocks = [block.strip() for block in str(text).replace("\r\n", "\n").split("\n\n")]
    html = []
    for block in filter(None, blocks):
        lines = block.split("\n")
        if all(line.lstrip().startswith(("- ", "* ", "• ")) for line in lines):
            items = ((line.lstrip()[2:].strip(),) for line in lines)
            html.append(format_html_join("", item, items).join([list_open, "</ul>"]))
        else:
            html.append(
                format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines)).join(
                    ["<p>", "</p>"]
                )
            )
    return mark_safe("".join(html))


TEXTS = [
    "",
    None,
    "En rad.",
    "Första <b>stycket</b> & \"citat\" 'x'\nandra raden\r\n\r\nNästa stycke.",
    "- punkt ett\n* punkt <två>\n• punkt tre\n\n  - indragen\n  - också",
    "- punkt\ninte en punkt\n\n\n\nefter tre tomma rader\n\n",
    mark_safe("<i>markerad som säker</i>\n\n- men ändå <escaped>"),
]


@pytest.mark.parametrize("markers", ["", "text"])
def test_paragraphs_escapes_and_writes_what_format_html_wrote(markers):
    for text in TEXTS:
        written = paragraphs(text, markers)
        assert written == _paragraphs_through_format_html(text, markers)
    assert "&lt;b&gt;stycket&lt;/b&gt; &amp; &quot;citat&quot; &#x27;x&#x27;" in paragraphs(
        TEXTS[3]
    )
