import pytest
from django.core.exceptions import ValidationError

from tenant_apps.employers.validators import clean_siret, validate_siret
from tests.employers.factories import valid_siret


@pytest.mark.parametrize(
    ("typed", "siret"),
    [
        ("73282932000074", "73282932000074"),
        ("732 829 320 00074", "73282932000074"),
        (" 73282932000074 ", "73282932000074"),
        ("35600000049837", "35600000049837"),  # La Poste: digit sum multiple of 5, Luhn key wrong
    ],
)
def test_a_valid_siret_is_accepted_with_or_without_spaces(typed, siret):
    assert clean_siret(typed) == siret


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("73282932000075", "clé de contrôle est fausse"),
        ("35600000049838", "clé de contrôle est fausse"),  # La Poste with a wrong sum
        ("7328293200007", "14 chiffres"),
        ("732829320000744", "14 chiffres"),
        ("7328293200007A", "14 chiffres"),
        ("７３２８２９３２０００７４", "14 chiffres"),  # full-width digits are not ASCII digits
        ("", "14 chiffres"),
    ],
)
def test_a_wrong_siret_gets_a_message_that_says_why(typed, message):
    with pytest.raises(ValidationError, match=message):
        clean_siret(typed)


def test_the_model_validator_wants_the_bare_digits():
    validate_siret("73282932000074")
    with pytest.raises(ValidationError):
        validate_siret("732 829 320 00074")


def test_the_factory_makes_valid_sirets():
    for n in range(50):
        assert clean_siret(valid_siret(n)) == valid_siret(n)
