import pytest
from django.core.exceptions import ValidationError

from partnerships.validators import validate_bankgiro, validate_org_number, validate_plusgiro

SEED_ORG_NUMBERS = [
    "212000-0142",  # Stockholms stad
    "802524-2879",  # Street Minds
    "802490-6771",  # Barnrättsbyrån
    "802002-8638",  # Rädda Barnen
    "802002-8711",  # Svenska Röda Korset
    "802003-1954",  # Stockholms stadsmission
]


@pytest.mark.parametrize("number", SEED_ORG_NUMBERS)
def test_org_numbers_from_the_seeds_are_valid(number):
    validate_org_number(number)


@pytest.mark.parametrize("number", ["802002-8639", "802524-2870", "212000-0143"])
def test_org_number_with_wrong_check_digit_is_refused_in_swedish(number):
    with pytest.raises(ValidationError) as excinfo:
        validate_org_number(number)
    assert "fel kontrollsiffra" in excinfo.value.messages[0]


@pytest.mark.parametrize("number", ["8020028638", "802002 8638", "80200-28638", ""])
def test_org_number_in_wrong_format_is_refused(number):
    with pytest.raises(ValidationError) as excinfo:
        validate_org_number(number)
    assert "NNNNNN-NNNN" in excinfo.value.messages[0]


@pytest.mark.parametrize("number", ["5050-1055", "902-0041", "555-5552"])
def test_valid_bankgiro(number):
    validate_bankgiro(number)


@pytest.mark.parametrize("number", ["5050-1056", "902-0049", "50501055", "12-34"])
def test_invalid_bankgiro(number):
    with pytest.raises(ValidationError):
        validate_bankgiro(number)


@pytest.mark.parametrize("number", ["90 20 03-3", "902003-3", "4711-8", "1234567-4"])
def test_valid_plusgiro_with_or_without_spaces(number):
    validate_plusgiro(number)


@pytest.mark.parametrize("number", ["902003-1", "4711-7", "9020033", "abc-1"])
def test_invalid_plusgiro(number):
    with pytest.raises(ValidationError):
        validate_plusgiro(number)
