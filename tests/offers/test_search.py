"""Anyone finds jobs near home: French text, typos, distance, filters."""

import datetime
import math

import pytest
from django.test import Client
from django.utils import timezone

from shared_apps.referentials.models import Commune, Occupation
from tenant_apps.offers.enums import ContractType, WorkingTime
from tenant_apps.offers.search import Criteria, search_offers
from tests.offers.factories import OfferFactory

HONDSCHOOTE, WORMHOUT, BERGUES = "59309", "59663", "59067"


def commune(insee):
    return Commune.objects.get(insee=insee)


def titles(criteria):
    return [offer.title for offer in search_offers(criteria)]


@pytest.fixture
def bakery_and_care(db):
    OfferFactory(published=True, title="Boulanger / Boulangère", occupation=Occupation.objects.get(code="D1102"))
    OfferFactory(
        published=True,
        title="Aide-soignant / Aide-soignante de nuit",
        occupation=Occupation.objects.get(code="J1501"),
        description="Accompagnement des résidents en EHPAD.",
    )
    OfferFactory(published=True, title="Cariste", occupation=Occupation.objects.get(code="N1101"))


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("boulangere", "Boulanger / Boulangère"),
        ("BOULANGÈRE", "Boulanger / Boulangère"),
        ("boulangerie", "Boulanger / Boulangère"),  # stemming
        ("aide soignant", "Aide-soignant / Aide-soignante de nuit"),
        ("aide-soignante", "Aide-soignant / Aide-soignante de nuit"),
        ("ehpad", "Aide-soignant / Aide-soignante de nuit"),  # description
        ("boulangr", "Boulanger / Boulangère"),  # typo
        ("carist", "Cariste"),  # typo
    ],
)
def test_french_text_search_ignores_accents_and_case_stems_and_tolerates_typos(bakery_and_care, typed, found):
    assert titles(Criteria(text=typed)) == [found]


def test_an_unrelated_word_finds_nothing(bakery_and_care):
    assert titles(Criteria(text="astronaute")) == []


def test_an_empty_query_lists_the_newest_offers_first(db):
    now = timezone.now()
    OfferFactory(published=True, title="Ancienne", published_at=now - datetime.timedelta(days=3))
    OfferFactory(published=True, title="Récente", published_at=now)
    OfferFactory(title="Brouillon")

    assert titles(Criteria()) == ["Récente", "Ancienne"]


def haversine_km(a, b):
    earth_radius_km = 6378.168  # earthdistance's earth()
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * earth_radius_km * math.asin(math.sqrt(h))


def test_distance_is_as_the_crow_flies_wormhout_hondschoote_about_13_km(db):
    OfferFactory(published=True, commune=commune(WORMHOUT))
    origin = commune(HONDSCHOOTE)

    [offer] = search_offers(Criteria(latitude=origin.latitude, longitude=origin.longitude, radius_km=20))

    assert 12 < offer.distance_km < 14
    assert offer.distance_km == pytest.approx(haversine_km(origin, commune(WORMHOUT)), abs=0.01)


def test_the_radius_includes_its_edge_and_nothing_beyond(db):
    OfferFactory(published=True, commune=commune(WORMHOUT))
    origin = commune(HONDSCHOOTE)
    exact_km = haversine_km(origin, commune(WORMHOUT))

    def found(radius):
        return search_offers(Criteria(latitude=origin.latitude, longitude=origin.longitude, radius_km=radius)).count()

    assert found(math.ceil(exact_km)) == 1
    assert found(math.floor(exact_km)) == 0


def test_results_near_a_place_are_sorted_by_distance(db):
    OfferFactory(published=True, title="À Wormhout", commune=commune(WORMHOUT))
    OfferFactory(published=True, title="À Hondschoote", commune=commune(HONDSCHOOTE))
    OfferFactory(published=True, title="À Bergues", commune=commune(BERGUES))
    origin = commune(HONDSCHOOTE)

    assert titles(Criteria(latitude=origin.latitude, longitude=origin.longitude, radius_km=30)) == [
        "À Hondschoote",
        "À Bergues",
        "À Wormhout",
    ]


def test_filters_narrow_the_results(db):
    OfferFactory(published=True, title="CDI temps plein")
    OfferFactory(
        published=True,
        title="Intérim temps partiel sans voiture",
        contract_type=ContractType.TEMPORARY,
        working_time=WorkingTime.PART_TIME,
        hours_per_week=20,
        reachable_without_car=True,
    )
    OfferFactory(
        published=True,
        title="Ancienne",
        published_at=timezone.now() - datetime.timedelta(days=10),
        occupation=Occupation.objects.get(code="N1101"),
    )

    assert titles(Criteria(contract_types=["temporary"])) == ["Intérim temps partiel sans voiture"]
    assert titles(Criteria(working_time="part_time")) == ["Intérim temps partiel sans voiture"]
    assert titles(Criteria(without_car=True)) == ["Intérim temps partiel sans voiture"]
    assert "Ancienne" not in titles(Criteria(posted_within_days=7))
    assert titles(Criteria(domain="N")) == ["Ancienne"]


def test_the_search_page_shows_count_distance_and_shareable_pages(portal_client, snapshot_queries, settings):
    for n in range(25):
        OfferFactory(published=True, title=f"Boulanger {n}", commune=commune(WORMHOUT))

    with snapshot_queries():
        response = portal_client.get("/offres/", {"q": "boulanger", "commune": "Hondschoote", "rayon": "20"})

    html = response.content.decode()
    assert "25 offres" in html
    assert "à 13 km" in html
    assert "page=2" in html and "q=boulanger" in html
    second = portal_client.get("/offres/", {"q": "boulanger", "commune": "Hondschoote", "rayon": "20", "page": "2"})
    assert len(second.context["page"].object_list) == 5


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"rayon": "0", "commune": "Wormhout"}, "au moins 1 km"),
        ({"rayon": "-5", "commune": "Wormhout"}, "au moins 1 km"),
        ({"rayon": "5000", "commune": "Wormhout"}, "ne peut dépasser 100 km"),
        ({"rayon": "dix"}, "nombre entier"),
        ({"commune": "Nulle-Part-sur-Mer"}, "Commune introuvable"),
        ({"lat": "50.9"}, "Position incomplète"),
        ({"lat": "500", "lon": "2"}, "90"),
    ],
)
def test_bad_search_input_gets_a_clear_message(portal_client, db, params, message):
    response = portal_client.get("/offres/", params)

    assert response.status_code == 200
    assert message in str(response.context["form"].errors)
    assert response.context["page"] is None


def test_the_search_page_never_lists_another_territory_s_offers(portal_client, other_territory):
    with other_territory:
        OfferFactory(published=True, title="Offre de Coeur de Flandre")
    OfferFactory(published=True, title="Offre des Hauts de Flandre")

    html = portal_client.get("/offres/").content.decode()

    assert "Offre des Hauts de Flandre" in html
    assert "Offre de Coeur de Flandre" not in html


def test_suggestions_help_typing_communes_and_job_titles(db):
    client = Client(HTTP_HOST="test.localhost")

    assert client.get("/api/communes/", {"q": "wormh"}).json() == {
        "results": [{"label": "Wormhout (59470)", "insee": "59663"}]
    }
    labels = [r["label"] for r in client.get("/api/metiers/", {"q": "boulang"}).json()["results"]]
    assert "Boulanger / Boulangère" in labels
    assert client.get("/api/communes/", {"q": "w"}).json() == {"results": []}
