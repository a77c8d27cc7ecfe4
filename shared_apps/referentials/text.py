"""Normalisation of what people type, so that it matches official labels.

The referentials mix straight and typographic apostrophes, accents, hyphens and
ligatures; people type "saint omer", "l'abergement" or "cariste". Labels are
stored normalised beside the official text and queries are normalised the same
way: lower case, no accents, ligatures spelt out, every other sign a space.
"""

import re
import unicodedata

LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return NOT_ALPHANUMERIC.sub(" ", without_accents.lower()).strip()
