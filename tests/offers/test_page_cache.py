"""Anonymous visitors' search pages come from the cache, and never show a stale or foreign page."""

import re

import pytest
from django.test import Client

from tenant_apps.accounts.enums import Role
from tenant_apps.offers.services import apply_transition
from tests.conftest import OTHER_TERRITORY_DOMAIN
from tests.employers.factories import MembershipFactory
from tests.offers.factories import OfferFactory

SEARCH = {"q": "cariste"}


@pytest.fixture(autouse=True)
def _cached(settings):
    settings.SEARCH_PAGE_CACHE_SECONDS = 60


def csrf_token(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def publish(title, django_capture_on_commit_callbacks):
    recruiter = MembershipFactory().user
    with django_capture_on_commit_callbacks(execute=True):
        apply_transition(OfferFactory(employer=recruiter.membership.employer, title=title), "submit", by=recruiter)


def test_a_second_visitor_gets_the_stored_page_with_a_token_of_their_own(db, django_capture_on_commit_callbacks):
    publish("Cariste", django_capture_on_commit_callbacks)
    first, second = Client(HTTP_HOST="test.localhost"), Client(HTTP_HOST="test.localhost", enforce_csrf_checks=True)

    rendered = first.get("/offres/", SEARCH)
    stored = second.get("/offres/", SEARCH)

    assert (rendered["X-Page-Cache"], stored["X-Page-Cache"]) == ("miss", "hit")
    assert "Cariste" in stored.content.decode()
    assert csrf_token(stored) != csrf_token(rendered)
    # The token works: the page's alert form posts past the CSRF check.
    form = {"csrfmiddlewaretoken": csrf_token(stored), "email": "x@example.org", "frequency": "daily"}
    assert second.post("/alertes/", form).status_code != 403


def test_a_publication_anywhere_makes_the_stored_pages_stale(portal_client, django_capture_on_commit_callbacks):
    publish("Cariste de nuit", django_capture_on_commit_callbacks)
    portal_client.get("/offres/", SEARCH)

    publish("Cariste de jour", django_capture_on_commit_callbacks)
    response = portal_client.get("/offres/", SEARCH)

    assert response["X-Page-Cache"] == "miss"
    assert "Cariste de jour" in response.content.decode()


def test_logged_in_people_always_get_their_own_page(portal_client, login_as):
    portal_client.get("/offres/", SEARCH)
    client, _user = login_as(Role.CANDIDATE, first_name="Aïcha")

    response = client.get("/offres/", SEARCH)

    assert "X-Page-Cache" not in response
    assert "Aïcha" in response.content.decode()
    assert portal_client.get("/offres/", SEARCH)["X-Page-Cache"] == "hit"


def test_each_territory_and_language_has_its_own_pages(portal_client, other_territory):
    portal_client.get("/offres/", SEARCH)

    with other_territory:
        assert Client(HTTP_HOST=OTHER_TERRITORY_DOMAIN).get("/offres/", SEARCH)["X-Page-Cache"] == "miss"
    assert portal_client.get("/offres/", SEARCH, HTTP_ACCEPT_LANGUAGE="en")["X-Page-Cache"] == "miss"
    assert portal_client.get("/offres/", SEARCH)["X-Page-Cache"] == "hit"


def test_a_page_that_shows_a_message_is_neither_stored_nor_served_from_the_store(portal_client):
    portal_client.get("/offres/", SEARCH)

    form = {"email": "x@example.org", "frequency": "daily", "query": "q=cariste", **SEARCH}
    back = portal_client.post("/alertes/", form, follow=True)

    assert back.redirect_chain[-1][0] == "/offres/?q=cariste"
    assert "X-Page-Cache" not in back
    assert "confirmez votre alerte" in back.content.decode()
    assert "confirmez votre alerte" not in portal_client.get("/offres/", SEARCH).content.decode()
