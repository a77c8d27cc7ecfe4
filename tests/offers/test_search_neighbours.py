"""Near the border, the neighbours' offers: the nearest first, whichever way they are found."""

import datetime

import pytest
from django.utils import timezone

from shared_apps.directory.services import sync_offers
from shared_apps.referentials.models import Commune, Occupation
from tenant_apps.offers import search
from tenant_apps.offers.search import Criteria, search_neighbours
from tests.offers.factories import OfferFactory

WORMHOUT, HERZEELE, HAZEBROUCK, BAILLEUL = "59663", "59305", "59295", "59043"


def commune(insee):
    return Commune.objects.get(insee=insee)


def published(title, insee, days_ago=0, occupation="D1102"):
    """A published offer of the active territory, copied to the shared index."""
    offer = OfferFactory(
        published=True,
        title=title,
        commune=commune(insee),
        occupation=Occupation.objects.get(code=occupation),
        published_at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    sync_offers([offer.pk])
    return offer


def around_wormhout(**criteria):
    origin = commune(WORMHOUT)
    return Criteria(latitude=origin.latitude, longitude=origin.longitude, **{"radius_km": 30, **criteria})


def titles(criteria, territory, limit=10):
    return [entry.title for entry in search_neighbours(criteria, territory, limit)]


@pytest.fixture
def neighbour_offers(territory, other_territory):
    """Coeur de Flandre shares its offers: bakers in Herzeele (~3.5 km from Wormhout),
    Hazebrouck (~17 km) and Bailleul (~24 km), a welder in Hazebrouck; and this
    territory's own baker in Wormhout, in the shared index too."""
    other_territory.shares_offers_with.add(territory)
    with other_territory:
        published("Boulanger à Bailleul", BAILLEUL, days_ago=0)
        published("Boulanger à Hazebrouck, ancien", HAZEBROUCK, days_ago=9)
        published("Boulanger à Hazebrouck", HAZEBROUCK, days_ago=1)
        published("Soudeur à Hazebrouck", HAZEBROUCK, days_ago=0, occupation="H2913")
        published("Boulanger à Herzeele", HERZEELE, days_ago=20)
    published("Boulanger à Wormhout, chez nous", WORMHOUT)


NEAREST_BAKERS = [
    "Boulanger à Herzeele",
    "Boulanger à Hazebrouck",
    "Boulanger à Hazebrouck, ancien",
    "Boulanger à Bailleul",
]


def test_the_nearest_commune_comes_first_then_the_newest_offers_and_never_this_territory_s(territory, neighbour_offers):
    assert titles(around_wormhout(text="boulanger"), territory) == NEAREST_BAKERS
    assert titles(around_wormhout(), territory) == [
        "Boulanger à Herzeele",
        "Soudeur à Hazebrouck",
        "Boulanger à Hazebrouck",
        "Boulanger à Hazebrouck, ancien",
        "Boulanger à Bailleul",
    ]
    assert titles(around_wormhout(text="boulanger"), territory, limit=2) == NEAREST_BAKERS[:2]


@pytest.mark.parametrize("window", [1000, 2])
def test_without_words_the_nearest_walk_or_else_every_entry_gives_the_same_list(
    territory, neighbour_offers, monkeypatch, window
):
    monkeypatch.setattr(search, "NEIGHBOUR_WINDOW", window)  # 2: too short, every entry is sorted

    assert titles(around_wormhout(contract_types=["cdi"]), territory) == [
        "Boulanger à Herzeele",
        "Soudeur à Hazebrouck",
        "Boulanger à Hazebrouck",
        "Boulanger à Hazebrouck, ancien",
        "Boulanger à Bailleul",
    ]


def test_the_territories_before_and_after_this_one_are_searched(territory, other_territory, neighbour_offers):
    """This territory's entries are left out by the ranges of ids before and after its own."""
    assert other_territory.pk != territory.pk
    assert titles(around_wormhout(text="soudeur"), territory) == ["Soudeur à Hazebrouck"]
    territory.shares_offers_with.add(other_territory)  # the other way round
    with other_territory:
        assert titles(around_wormhout(text="boulanger"), other_territory) == ["Boulanger à Wormhout, chez nous"]


def test_typos_and_filters_apply_to_the_neighbours_too(territory, neighbour_offers):
    assert titles(around_wormhout(text="astronaute"), territory) == []
    assert titles(around_wormhout(text="soudeurr"), territory) == ["Soudeur à Hazebrouck"]
    assert titles(around_wormhout(text="boulanger", posted_within_days=3), territory) == [
        "Boulanger à Hazebrouck",
        "Boulanger à Bailleul",
    ]
    assert titles(around_wormhout(text="boulanger", radius_km=20), territory) == NEAREST_BAKERS[:3]


def test_the_distance_shown_is_the_commune_s(territory, neighbour_offers):
    [nearest] = search_neighbours(around_wormhout(text="boulanger"), territory, limit=1)

    assert nearest.commune_id == HERZEELE
    assert 3 < nearest.distance_km < 4
