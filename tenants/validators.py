"""Checks on what a territory configures: colours readable by everyone, valid host names."""

import re

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# RFC 1123 labels; the last label may be "localhost" in development.
HOSTNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$")
WCAG_AA_NORMAL_TEXT = 4.5
WHITE = "#ffffff"


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_brand_colour(value: str) -> None:
    """A brand colour carries white text (buttons, header) and is used as text on
    white (links): both need the WCAG AA ratio of 4.5:1."""
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(_("Indiquez une couleur au format #rrvvbb, par exemple #1d4f91."), code="format")
    ratio = contrast_ratio(value, WHITE)
    if ratio < WCAG_AA_NORMAL_TEXT:
        raise ValidationError(
            _(
                "Contraste insuffisant : %(ratio)s:1 avec le blanc, il faut au moins 4,5:1 "
                "(RGAA / WCAG AA). Choisissez une teinte plus foncée."
            ),
            code="contrast",
            params={"ratio": number_format(round(ratio, 2), 2)},
        )


def validate_hostname(value: str) -> None:
    if not HOSTNAME.match(value or ""):
        raise ValidationError(
            _("« %(value)s » n'est pas un nom de domaine valide (exemple : emploi.ma-communaute.fr)."),
            code="hostname",
            params={"value": value},
        )
