"""Check digits of Swedish organisation numbers, bankgiro and plusgiro numbers.

All three use the Luhn (modulus 10) algorithm over their digits; they differ in format.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


ORG_NUMBER_RE = re.compile(r"^\d{6}-\d{4}$")


def validate_org_number(value: str) -> None:
    if not ORG_NUMBER_RE.match(value or ""):
        raise ValidationError(
            _("Organisationsnumret ska skrivas som NNNNNN-NNNN, till exempel 802002-8638."),
            code="format",
        )
    if not luhn_valid(value.replace("-", "")):
        raise ValidationError(
            _("Organisationsnumret %(value)s har fel kontrollsiffra. Kontrollera numret."),
            code="checksum",
            params={"value": value},
        )


BANKGIRO_RE = re.compile(r"^\d{3,4}-\d{4}$")


def validate_bankgiro(value: str) -> None:
    value = normalise_giro(value)
    if not BANKGIRO_RE.match(value or ""):
        raise ValidationError(
            _("Bankgironumret ska skrivas som NNN-NNNN eller NNNN-NNNN."), code="format"
        )
    if not luhn_valid(value.replace("-", "")):
        raise ValidationError(
            _("Bankgironumret %(value)s har fel kontrollsiffra."),
            code="checksum",
            params={"value": value},
        )


PLUSGIRO_RE = re.compile(r"^\d{1,7}-\d$")


def validate_plusgiro(value: str) -> None:
    value = normalise_giro(value)
    if not PLUSGIRO_RE.match(value or ""):
        raise ValidationError(
            _(
                "Plusgironumret ska skrivas som siffror, bindestreck och en kontrollsiffra, "
                "till exempel 90 2003-1 skrivs 902003-1."
            ),
            code="format",
        )
    if not luhn_valid(value.replace("-", "")):
        raise ValidationError(
            _("Plusgironumret %(value)s har fel kontrollsiffra."),
            code="checksum",
            params={"value": value},
        )


def normalise_giro(value: str) -> str:
    """Accept the spaced forms people copy from letters ("90 20 03-1") and store them compactly."""
    return re.sub(r"\s+", "", value or "")
