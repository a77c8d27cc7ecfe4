"""A visitor opens their territory's portal on a phone and on a desktop."""

import pytest

from tenants.models import Territory
from tests.conftest import TERRITORY_EPCI
from tests.e2e.conftest import DESKTOP, PHONE


def rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_portal_shows_the_territory_name_and_colour(browser, live_server_port, device):
    territory = Territory.objects.prefetch_related("domains").get(epci_siren=TERRITORY_EPCI)
    page = browser.new_page(**device)

    page.goto(f"http://{territory.primary_domain}:{live_server_port}/")

    assert page.title().startswith(territory.name)
    heading = page.get_by_role("heading", level=1)
    assert territory.name in heading.inner_text()
    header_colour = page.locator("header.site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header_colour == rgb(territory.primary_color)
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= device["viewport"]["width"]
    page.close()


def test_the_first_tab_reaches_the_skip_link_which_leads_to_the_content(browser, live_server_port):
    territory = Territory.objects.prefetch_related("domains").get(epci_siren=TERRITORY_EPCI)
    page = browser.new_page(**DESKTOP)
    page.goto(f"http://{territory.primary_domain}:{live_server_port}/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Aller au contenu")
    assert skip_link.evaluate("e => e === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")

    assert page.evaluate("location.hash") == "#contenu"
    page.close()


def test_an_unknown_host_shows_the_not_found_page(browser, live_server_port):
    page = browser.new_page(**PHONE)

    response = page.goto(f"http://inconnu.localhost:{live_server_port}/")

    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Portail introuvable"
    page.close()
