"""Finding the commune a person means from what they type."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from shared_apps.referentials.models import Commune
from shared_apps.referentials.text import normalize

INSEE_CODE = re.compile(r"^(\d{5}|2[ab]\d{3})$", re.IGNORECASE)
POSTAL_CODE = re.compile(r"\b(\d{5})\b")
MAX_CHOICES_LISTED = 5


def commune_label(commune: Commune) -> str:
    """What autocomplete shows and what resolve_commune() reads back: "Wormhout (59470)"."""
    return f"{commune.name} ({commune.postal_codes.split(' ')[0]})"


def resolve_commune(text: str, queryset=None) -> Commune:
    """The one commune meant by ``text``: an INSEE code, a postal code, a name, or
    "Name (postal code)" as autocomplete writes it. A ValidationError says what
    is unknown or ambiguous."""
    queryset = queryset if queryset is not None else Commune.objects.all()
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Indiquez une commune."), code="required")
    # Five digits are a postal code for people; an INSEE code only if no commune has that postal code.
    if INSEE_CODE.match(text) and not queryset.filter(postal_codes__contains=text).exists():
        found = list(queryset.filter(insee=text.upper())[:1])
        if found:
            return found[0]
    postal = POSTAL_CODE.search(text)
    name = normalize(POSTAL_CODE.sub(" ", text))
    candidates = queryset
    if postal:
        candidates = candidates.filter(postal_codes__contains=postal.group(1))
    if name:
        candidates = candidates.filter(search_name=name)
    found = list(candidates.order_by("-population")[: MAX_CHOICES_LISTED + 1])
    if len(found) == 1:
        return found[0]
    if not found:
        raise ValidationError(
            _("Commune introuvable : « %(text)s ». Vérifiez l'orthographe ou indiquez le code postal."),
            params={"text": text},
            code="unknown",
        )
    raise ValidationError(
        _("Plusieurs communes correspondent à « %(text)s » : précisez, par exemple %(examples)s."),
        params={"text": text, "examples": ", ".join(f"« {commune_label(c)} »" for c in found[:MAX_CHOICES_LISTED])},
        code="ambiguous",
    )
