"""The member communes' websites show the territory's offers: feeds and a widget."""

import xml.etree.ElementTree as ET

import pytest

from shared_apps.referentials.models import Commune
from tests.offers.factories import OfferFactory

WORMHOUT, HONDSCHOOTE, DUNKERQUE = "59663", "59309", "59183"


@pytest.fixture
def offers(db):
    near = OfferFactory(published=True, title="Boulanger à Wormhout")
    far = OfferFactory(published=True, title="Docker à Dunkerque", commune=Commune.objects.get(insee=DUNKERQUE))
    OfferFactory(title="Brouillon caché")
    return near, far


def test_the_territory_rss_feed_lists_published_offers(portal_client, offers):
    response = portal_client.get("/offres/flux.rss")

    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "Offres d'emploi — CC des Hauts de Flandre"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert any(t.startswith("Boulanger à Wormhout") for t in titles)
    assert any(t.startswith("Docker à Dunkerque") for t in titles)
    assert not any("Brouillon" in t for t in titles)
    links = [item.findtext("link") for item in channel.findall("item")]
    assert all(link.startswith("http://test.localhost/offres/") for link in links)


def test_a_commune_feed_lists_the_offers_within_the_territory_radius(portal_client, offers):
    response = portal_client.get(f"/offres/flux/{HONDSCHOOTE}.atom")

    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    namespace = {"atom": "http://www.w3.org/2005/Atom"}
    titles = [entry.findtext("atom:title", namespaces=namespace) for entry in root.findall("atom:entry", namespace)]
    assert [t.split(" — ")[0] for t in titles] == ["Boulanger à Wormhout"]  # Dunkerque is 25+ km away
    assert portal_client.get("/offres/flux/99999.rss").status_code == 404


def test_the_widget_lists_offers_near_a_commune_sets_no_cookie_and_may_be_framed(portal_client, offers):
    response = portal_client.get("/widget/offres/", {"commune": HONDSCHOOTE, "nombre": "3"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Boulanger à Wormhout" in html and "Docker à Dunkerque" not in html
    assert "13 km" in html
    assert not response.cookies
    assert "X-Frame-Options" not in response.headers
    assert 'target="_blank"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "commune"),
        ({"commune": "Nulle-Part"}, "Commune introuvable"),
        ({"commune": WORMHOUT, "rayon": "0"}, "rayon"),
    ],
)
def test_the_widget_explains_a_bad_address(portal_client, db, params, message):
    response = portal_client.get("/widget/offres/", params)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_widget_never_shows_another_territory_s_offers(portal_client, other_territory):
    with other_territory:
        OfferFactory(published=True, title="Offre de Coeur de Flandre")

    assert (
        "Offre de Coeur de Flandre" not in portal_client.get("/widget/offres/", {"commune": WORMHOUT}).content.decode()
    )


def test_other_pages_still_refuse_to_be_framed(portal_client, db):
    assert portal_client.get("/offres/")["X-Frame-Options"] == "DENY"


def test_the_territory_admin_finds_the_code_to_embed(login_as):
    from tenant_apps.accounts.enums import Role

    client, _admin = login_as(Role.TERRITORY_ADMIN)

    html = client.get("/gestion/portail/").content.decode()

    assert "/widget/offres/?commune=" in html
    assert "/offres/flux.rss" in html


def test_the_feeds_never_list_another_territory_s_offers(portal_client, other_territory):
    with other_territory:
        OfferFactory(published=True, title="Offre de Coeur de Flandre")

    assert b"Offre de Coeur de Flandre" not in portal_client.get("/offres/flux.rss").content
    assert b"Offre de Coeur de Flandre" not in portal_client.get(f"/offres/flux/{WORMHOUT}.atom").content
