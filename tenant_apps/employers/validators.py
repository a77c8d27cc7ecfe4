from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# La Poste's establishments share one SIREN and follow their own key: the sum of
# the fourteen digits is a multiple of 5 (INSEE).
LA_POSTE_SIREN = "356000000"


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def clean_siret(value: str) -> str:
    """The 14 digits of a SIRET typed with or without spaces, or a ValidationError."""
    siret = "".join((value or "").split())
    if not (siret.isascii() and siret.isdigit() and len(siret) == 14):
        raise ValidationError(_("Un SIRET compte 14 chiffres (par exemple 732 829 320 00074)."), code="format")
    if siret.startswith(LA_POSTE_SIREN):
        key_is_right = sum(int(char) for char in siret) % 5 == 0
    else:
        key_is_right = luhn_is_valid(siret)
    if not key_is_right:
        raise ValidationError(
            _("Ce SIRET n'existe pas : sa clé de contrôle est fausse. Vérifiez les 14 chiffres."), code="key"
        )
    return siret


def validate_siret(value: str) -> None:
    if clean_siret(value) != value:
        raise ValidationError(_("Un SIRET s'écrit avec ses 14 chiffres, sans espace."), code="format")
