"""Finding the ROME occupation a person means from a job title they type."""

import re

from django.contrib.postgres.search import TrigramSimilarity
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from shared_apps.referentials.models import Appellation, Occupation
from shared_apps.referentials.text import normalize

ROME_CODE = re.compile(r"\b([A-N]\d{4})\b", re.IGNORECASE)
SUGGESTIONS = 4
CANDIDATES = 20


def occupation_label(occupation: Occupation) -> str:
    """What autocomplete shows and resolve_occupation() reads back."""
    return f"{occupation.label} ({occupation.code})"


def resolve_occupation(text: str) -> Occupation:
    """The occupation of a ROME code, of "Label (CODE)", or of a job title typed
    as in the referential (case, accents and apostrophes aside). Otherwise a
    ValidationError that suggests the closest titles."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Indiquez le métier."), code="required")
    code = ROME_CODE.search(text)
    if code:
        occupation = Occupation.objects.filter(code=code.group(1).upper()).first()
        if occupation:
            return occupation
    wanted = normalize(text)
    appellation = Appellation.objects.filter(search_label=wanted).select_related("occupation").first()
    if appellation:
        return appellation.occupation
    occupation = Occupation.objects.filter(search_label=wanted).first()
    if occupation:
        return occupation
    closest = list(
        Appellation.objects.annotate(similarity=TrigramSimilarity("search_label", wanted))
        .filter(similarity__gt=0.2)
        .select_related("occupation")
        .order_by("-similarity")[:CANDIDATES]
    )
    # Titles read "Boulanger / Boulangère": either form, typed alone, is that title.
    for appellation in closest:
        if wanted in {normalize(form) for form in appellation.label.split(" / ")}:
            return appellation.occupation
    closest = closest[:SUGGESTIONS]
    suggestions = ", ".join(f"« {a.label} ({a.occupation_id}) »" for a in closest)
    if suggestions:
        message = _("Métier introuvable : « %(text)s ». Voulez-vous dire %(suggestions)s ?")
    else:
        message = _("Métier introuvable : « %(text)s ». Essayez un autre intitulé ou le code ROME.")
    raise ValidationError(message, params={"text": text, "suggestions": suggestions}, code="unknown")
