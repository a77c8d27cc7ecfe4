"""Reference data: complete, idempotent to load, searchable the way people type."""

import pytest

from shared_apps.referentials.models import Appellation, Commune, Epci, Occupation
from shared_apps.referentials.services import load_referentials
from shared_apps.referentials.text import normalize


def test_the_session_loaded_every_reference_row(db):
    assert Epci.objects.count() == 1255
    assert Commune.objects.count() == 34867
    assert Occupation.objects.count() == 1584
    assert Appellation.objects.count() == 13120


def test_a_commune_keeps_its_code_as_text_and_its_epci(db):
    commune = Commune.objects.get(insee="01001")

    assert commune.name == "L'Abergement-Clémenciat"
    assert commune.postal_codes == "01400"
    assert commune.epci_id == "200069193"
    assert (commune.latitude, commune.longitude) == (46.1517, 4.9306)
    assert Commune.objects.filter(insee__startswith="2A").exists()  # Corsica


def test_hauts_de_flandre_has_its_40_communes(db):
    assert Epci.objects.get(siren="200040954").communes.count() == 40


def test_loading_again_changes_nothing(db):
    results = load_referentials()

    assert [(r.inserted, r.updated) for r in results] == [(0, 0)] * 4
    assert [r.unchanged for r in results] == [1255, 34867, 1584, 13120]


def test_loading_again_repairs_a_changed_row(db):
    Commune.objects.filter(insee="59183").update(name="Dunkerque-modifié", population=1)

    commune_result = load_referentials()[1]

    assert (commune_result.inserted, commune_result.updated) == (0, 1)
    assert Commune.objects.get(insee="59183").name == "Dunkerque"


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("L’Abergement-Clémenciat", "l abergement clemenciat"),
        ("L'ABERGEMENT CLÉMENCIAT", "l abergement clemenciat"),
        ("Œnologue", "oenologue"),
        ("  Saint-Omer  ", "saint omer"),
        ("Aide-soignant(e)", "aide soignant e"),
    ],
)
def test_normalize_ignores_case_accents_apostrophes_and_punctuation(typed, normalised):
    assert normalize(typed) == normalised


def test_a_typographic_apostrophe_in_a_title_matches_a_straight_one_typed(db):
    typographic = Appellation.objects.filter(label__contains="’").first()
    typed = typographic.label.replace("’", "'").upper()

    assert Appellation.objects.filter(search_label=normalize(typed)).get() == typographic


def test_a_commune_is_found_by_a_name_typed_without_accents_or_hyphens(db):
    assert Commune.objects.filter(search_name=normalize("hondschoote")).get().insee == "59309"
    assert set(
        Commune.objects.filter(search_name__startswith=normalize("saint omer")).values_list("name", flat=True)
    ) >= {"Saint-Omer"}
