"""The Content-Security-Policy blocks nothing the pages need: the map, the API documentation."""

import pytest

from tenants.models import Territory
from tests.conftest import TERRITORY_EPCI
from tests.e2e.conftest import DESKTOP
from tests.offers.factories import OfferFactory

# Runs before the page's own scripts (Playwright injects it, the policy does not apply to it).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def open_page(browser, port, path):
    territory = Territory.objects.prefetch_related("domains").get(epci_siren=TERRITORY_EPCI)
    page = browser.new_page(**DESKTOP)
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"http://{territory.primary_domain}:{port}{path}")
    return page


@pytest.fixture
def map_with_own_tiles(live_server_port):
    """Committed data (the live server cannot see a test transaction), put back afterwards: an offer,
    and tiles from a server of the territory's choice (a host of the loopback, as Chromium resolves it)."""
    territory = Territory.objects.get(epci_siren=TERRITORY_EPCI)
    former_tiles = territory.map_tile_url
    territory.map_tile_url = f"http://tuiles.localhost:{live_server_port}/{{z}}/{{x}}/{{y}}.png"
    territory.save(update_fields=["map_tile_url"])
    with territory:
        offer = OfferFactory(published=True, title="Agent de déchetterie")
    yield
    with territory:
        offer.delete()
        offer.employer.delete()
    territory.map_tile_url = former_tiles
    territory.save(update_fields=["map_tile_url"])


def test_the_search_page_and_its_map_run_under_the_policy(browser, live_server_port, map_with_own_tiles):
    page = open_page(browser, live_server_port, "/offres/")
    tiles = []
    page.on("request", lambda request: tiles.append(request.url) if "tuiles.localhost" in request.url else None)

    page.get_by_text("Voir sur la carte").click()
    page.locator("#offers-map img.leaflet-tile").first.wait_for(state="attached")
    page.locator("#offers-map .leaflet-marker-icon").first.wait_for()

    assert tiles  # requested, not blocked
    assert page.evaluate("window.__violations") == []
    page.close()


def test_the_api_documentation_runs_under_the_policy(browser, live_server_port):
    page = open_page(browser, live_server_port, "/api/docs/")

    page.get_by_text("Emploi Local API").first.wait_for()

    assert page.evaluate("window.__violations") == []
    page.close()
