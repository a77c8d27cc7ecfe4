"""Anyone finds jobs near home: French text, typos, distance, filters, sorts."""

import datetime
import math

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from platform.pagination import RESULT_COUNT_CAP, CappedPaginator
from shared_apps.referentials.models import Commune, Occupation
from tenant_apps.offers import search
from tenant_apps.offers.enums import ContractType, WorkingTime
from tenant_apps.offers.search import Criteria, Sort, search_offers
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


def near(insee, **criteria):
    origin = commune(insee)
    return Criteria(latitude=origin.latitude, longitude=origin.longitude, radius_km=30, **criteria)


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def three_communes(db):
    """Hondschoote, then Bergues (~11 km), then Wormhout (~13 km); the farthest is the newest."""
    OfferFactory(published=True, title="À Hondschoote", commune=commune(HONDSCHOOTE), published_at=days_ago(3))
    OfferFactory(published=True, title="À Bergues", commune=commune(BERGUES), published_at=days_ago(2))
    OfferFactory(published=True, title="À Wormhout", commune=commune(WORMHOUT), published_at=days_ago(1))


def test_near_a_place_without_words_the_newest_offers_come_first(three_communes):
    assert titles(near(HONDSCHOOTE)) == ["À Wormhout", "À Bergues", "À Hondschoote"]


def test_sorted_by_distance_the_nearest_commune_comes_first_then_the_newest(three_communes):
    OfferFactory(published=True, title="À Hondschoote, récente", commune=commune(HONDSCHOOTE))

    assert titles(near(HONDSCHOOTE, sort=Sort.DISTANCE)) == [
        "À Hondschoote, récente",
        "À Hondschoote",
        "À Bergues",
        "À Wormhout",
    ]
    assert titles(near(HONDSCHOOTE, text="astronaute", sort=Sort.DISTANCE)) == []  # words still filter
    assert titles(near(HONDSCHOOTE, text="boulanger", sort=Sort.DISTANCE))[:2] == [
        "À Hondschoote, récente",
        "À Hondschoote",
    ]


def test_by_relevance_title_or_occupation_matches_come_before_description_only_ones_newest_first(db):
    OfferFactory(
        published=True,
        title="Vendeur",
        occupation=Occupation.objects.get(code="D1106"),  # Vendeur / Vendeuse en épicerie
        description="Épicerie du centre, avec le pain de notre boulanger.",
        published_at=days_ago(0),
    )
    OfferFactory(published=True, title="Boulanger confirmé", published_at=days_ago(5))
    OfferFactory(
        published=True,
        title="Pâtissier",
        occupation=Occupation.objects.get(code="D1102"),  # Boulanger / Boulangère
        published_at=days_ago(2),
    )

    assert titles(Criteria(text="boulanger")) == ["Pâtissier", "Boulanger confirmé", "Vendeur"]
    assert titles(Criteria(text="boulanger", sort=Sort.DATE)) == ["Vendeur", "Pâtissier", "Boulanger confirmé"]


def test_a_word_excluded_from_the_description_excludes_the_offer(db):
    OfferFactory(published=True, title="Boulanger", description="Travail de nuit.")
    OfferFactory(published=True, title="Boulanger de jour", description="Horaires de jour.")

    assert titles(Criteria(text="boulanger -nuit")) == ["Boulanger de jour"]


def id_queries(captured):
    """The queries that chose offers (the page's rows are then loaded by id)."""
    return [query["sql"] for query in captured if query["sql"].lstrip().startswith("SELECT id FROM")]


def test_a_page_found_among_the_newest_offers_needs_no_other_query(db, monkeypatch):
    monkeypatch.setattr(search, "WINDOW", 4)
    for days in range(4):
        OfferFactory(published=True, title=f"Boulanger {days}", published_at=days_ago(days))
    OfferFactory(published=True, title="Boulanger ancien", published_at=days_ago(10))

    with CaptureQueriesContext(connection) as captured:
        found = [offer.title for offer in search_offers(Criteria(text="boulanger"))[0:3]]

    assert found == ["Boulanger 0", "Boulanger 1", "Boulanger 2"]
    [query] = id_queries(captured)
    assert "LIMIT 4 ) AS recent" in " ".join(query.split())


def test_matches_older_than_the_newest_offers_are_found_through_the_text_index(db, monkeypatch):
    monkeypatch.setattr(search, "WINDOW", 2)
    OfferFactory(published=True, title="Boulanger ancien", published_at=days_ago(10))
    OfferFactory(
        published=True, title="Cariste", occupation=Occupation.objects.get(code="N1101"), published_at=days_ago(1)
    )
    OfferFactory(
        published=True, title="Soudeur", occupation=Occupation.objects.get(code="H2913"), published_at=days_ago(0)
    )
    OfferFactory(published=True, title="Boulanger récent", published_at=days_ago(2))

    with CaptureQueriesContext(connection) as captured:
        found = [offer.title for offer in search_offers(Criteria(text="boulanger"))[0:2]]

    assert found == ["Boulanger récent", "Boulanger ancien"]
    window, matches = id_queries(captured)
    assert "AS recent" in window and "AS recent" not in matches


def test_the_count_trusts_a_large_estimate_and_counts_exactly_below_it(portal_client, monkeypatch):
    OfferFactory.create_batch(3, published=True)

    monkeypatch.setattr(search, "_estimate", lambda sql, params: 5 * RESULT_COUNT_CAP)
    with CaptureQueriesContext(connection) as captured:
        assert CappedPaginator(search_offers(Criteria(text="boulanger")), 20).capped
    assert not [query for query in captured if "count(*)" in query["sql"]]
    assert "Plus de 1 000 offres" in portal_client.get("/offres/", {"q": "boulanger"}).content.decode()

    monkeypatch.setattr(search, "_estimate", lambda sql, params: 10)
    paginator = CappedPaginator(search_offers(Criteria(text="boulanger")), 20)
    assert (paginator.count, paginator.capped) == (3, False)
    assert "3 offres" in portal_client.get("/offres/", {"q": "boulanger"}).content.decode()


def test_a_count_below_the_cap_pages_through_the_matches_directly(db):
    OfferFactory.create_batch(3, published=True)
    offers = search_offers(Criteria(text="boulanger"))

    with CaptureQueriesContext(connection) as captured:
        CappedPaginator(offers, 2).get_page(1)

    [query] = id_queries(captured)
    assert "AS recent" not in query


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
