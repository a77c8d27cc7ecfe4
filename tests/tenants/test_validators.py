import pytest
from django.core.exceptions import ValidationError

from tenants.validators import contrast_ratio, validate_brand_colour, validate_hostname


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey


@pytest.mark.parametrize("colour", ["#1d4f91", "#767676", "#000000", "#2E6B30"])
def test_a_dark_enough_colour_is_accepted(colour):
    validate_brand_colour(colour)


@pytest.mark.parametrize(("colour", "ratio"), [("#ffff00", "1,07"), ("#777777", "4,48"), ("#4fa3e0", "2,75")])
def test_a_colour_unreadable_with_white_text_is_refused_with_its_ratio(colour, ratio):
    with pytest.raises(ValidationError) as error:
        validate_brand_colour(colour)
    assert f"Contraste insuffisant : {ratio}:1" in error.value.messages[0]
    assert "4,5:1" in error.value.messages[0]


@pytest.mark.parametrize("colour", ["1d4f91", "#1d4f9", "#zzzzzz", "", "red"])
def test_a_colour_must_be_hexadecimal(colour):
    with pytest.raises(ValidationError, match="format #rrvvbb"):
        validate_brand_colour(colour)


@pytest.mark.parametrize("host", ["emploi.cchf.fr", "hauts-de-flandre.localhost", "a.b.c.example.org"])
def test_valid_hostnames(host):
    validate_hostname(host)


@pytest.mark.parametrize("host", ["localhost", "-a.fr", "a_b.fr", "a..fr", "é.fr", "http://a.fr", "A.FR"])
def test_invalid_hostnames(host):
    with pytest.raises(ValidationError):
        validate_hostname(host)


def test_the_territory_model_refuses_an_unreadable_colour(territory):
    territory.secondary_color = "#ffcc00"

    with pytest.raises(ValidationError) as error:
        territory.full_clean()

    assert "secondary_color" in error.value.message_dict
