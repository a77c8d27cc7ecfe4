"""The offers API: the search and the employer's tools, with the UI's rules."""

import pytest
from django.core.management import call_command
from django.test import Client
from rest_framework.authtoken.models import Token

from tenant_apps.accounts.enums import Role
from tenant_apps.offers.enums import OfferStatus
from tenant_apps.offers.models import Offer
from tests.employers.factories import MembershipFactory
from tests.offers.factories import OfferFactory

NEW_OFFER = {
    "title": "Cariste",
    "occupation": "cariste",
    "description": "Conduite de chariots.",
    "contract_type": "temporary",
    "working_time": "full_time",
    "commune": "Wormhout",
    "reachable_without_car": True,
    "application_method": "platform",
}


@pytest.fixture
def recruiter(login_as):
    client, user = login_as(Role.RECRUITER)
    MembershipFactory(user=user)
    return client, user


def test_anyone_searches_offers_with_distance(portal_client, db):
    OfferFactory(published=True, title="Boulanger / Boulangère")
    OfferFactory(title="Brouillon")

    response = portal_client.get("/api/offres/", {"q": "boulangere", "commune": "Hondschoote", "rayon": 20})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [offer] = body["results"]
    assert offer["title"] == "Boulanger / Boulangère"
    assert 12 < offer["distance_km"] < 14
    assert offer["commune_label"] == "Wormhout (59470)"
    assert offer["url"] == f"http://test.localhost/offres/{offer['id']}/"
    assert "status" not in offer


def test_page_size_is_capped(portal_client, db):
    OfferFactory.create_batch(55, published=True)

    body = portal_client.get("/api/offres/", {"page_size": 500}).json()

    assert (body["count"], len(body["results"])) == (55, 50)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"rayon": 0, "commune": "Wormhout"}, "rayon"),
        ({"commune": "Nulle-Part"}, "commune"),
        ({"contrat": "x"}, "contrat"),
    ],
)
def test_bad_search_input_is_a_400_with_json_field_errors(portal_client, db, params, field):
    response = portal_client.get("/api/offres/", params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()[field]


def test_only_published_offers_of_this_territory_are_readable(portal_client, other_territory):
    published, draft = OfferFactory(published=True), OfferFactory()
    with other_territory:
        elsewhere = OfferFactory(published=True, title="Offre voisine")

    assert portal_client.get(f"/api/offres/{published.pk}/").status_code == 200
    assert portal_client.get(f"/api/offres/{draft.pk}/").status_code == 404
    response = portal_client.get(f"/api/offres/{elsewhere.pk}/")
    assert response.status_code == 404 or response.json()["title"] != "Offre voisine"


def test_autocomplete_endpoints(portal_client, db):
    assert portal_client.get("/api/communes/", {"q": "hondsch"}).json()["results"][0]["insee"] == "59309"
    assert {"label": "Cariste", "rome": "N1101"} in portal_client.get("/api/metiers/", {"q": "carist"}).json()[
        "results"
    ]


def test_a_recruiter_creates_edits_publishes_and_deletes_offers(recruiter):
    client, _user = recruiter

    response = client.post("/api/employeur/offres/", NEW_OFFER, content_type="application/json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert (created["status"], created["occupation"], created["commune"]) == ("draft", "N1101", "59663")
    assert created["reachable_without_car"] is True

    response = client.patch(
        f"/api/employeur/offres/{created['id']}/", {"title": "Cariste CACES 3"}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["title"], response.json()["commune"]) == ("Cariste CACES 3", "59663")

    response = client.post(f"/api/employeur/offres/{created['id']}/submit/", content_type="application/json")
    assert response.json()["status"] == "published"
    assert client.delete(f"/api/employeur/offres/{created['id']}/").status_code == 403

    draft = client.post("/api/employeur/offres/", NEW_OFFER, content_type="application/json").json()
    assert client.delete(f"/api/employeur/offres/{draft['id']}/").status_code == 204
    assert [o["id"] for o in client.get("/api/employeur/offres/").json()["results"]] == [created["id"]]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"commune": "Lille"}, "commune"),
        ({"salary_min": 15, "salary_max": 12, "salary_period": "hour"}, "salary_max"),
        ({"description": "<script>alert(1)</script>"}, "description"),
        ({"description": "x" * 200_000}, "description"),
        ({"contract_type": "esclavage"}, "contract_type"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_offers_are_refused_with_the_form_messages_and_nothing_is_saved(recruiter, changes, field):
    client, _user = recruiter

    response = client.post("/api/employeur/offres/", {**NEW_OFFER, **changes}, content_type="application/json")

    assert response.status_code == 400
    assert response.json()[field]
    assert not Offer.objects.exists()


def test_a_wrong_transition_is_a_400_with_the_reason(recruiter):
    client, user = recruiter
    offer = OfferFactory(employer=user.membership.employer)

    response = client.post(f"/api/employeur/offres/{offer.pk}/mark_filled/", content_type="application/json")

    assert response.status_code == 400
    assert "impossible" in response.json()["detail"]


def test_a_token_opens_the_api_of_its_own_territory_only(territory, other_territory):
    user = MembershipFactory().user
    token = Token.objects.create(user=user)

    here = Client(HTTP_HOST="test.localhost", HTTP_AUTHORIZATION=f"Token {token.key}")
    there = Client(HTTP_HOST="other.localhost", HTTP_AUTHORIZATION=f"Token {token.key}")

    assert here.get("/api/employeur/offres/").status_code == 200
    assert there.get("/api/employeur/offres/").status_code == 401


def test_nobody_else_reaches_the_employer_endpoints(login_as, portal_client, recruiter):
    _client, user = recruiter
    offer = OfferFactory(employer=user.membership.employer)
    candidate, _ = login_as(Role.CANDIDATE)
    colleague_of_another_employer, other = login_as(Role.RECRUITER)
    MembershipFactory(user=other)

    assert portal_client.get("/api/employeur/offres/").status_code == 401  # anonymous
    assert portal_client.post("/api/employeur/offres/", NEW_OFFER, content_type="application/json").status_code == 401
    assert candidate.get("/api/employeur/offres/").status_code == 403
    assert colleague_of_another_employer.get(f"/api/employeur/offres/{offer.pk}/").status_code == 404
    response = colleague_of_another_employer.patch(
        f"/api/employeur/offres/{offer.pk}/", {"title": "Piraté"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert colleague_of_another_employer.post(f"/api/employeur/offres/{offer.pk}/submit/").status_code == 404
    offer.refresh_from_db()
    assert (offer.title, offer.status) == ("Boulanger / Boulangère", OfferStatus.DRAFT)


def test_the_openapi_schema_is_valid_and_documented(portal_client, db, tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))

    assert "/api/offres/" in (tmp_path / "schema.yml").read_text()
    assert portal_client.get("/api/docs/").status_code == 200


def test_the_map_groups_the_search_results_by_commune(portal_client, other_territory):
    from shared_apps.referentials.models import Commune

    OfferFactory.create_batch(2, published=True, title="Boulanger")
    OfferFactory(published=True, title="Boulanger", commune=Commune.objects.get(insee="59309"))
    OfferFactory(title="Boulanger")  # draft
    with other_territory:
        OfferFactory(published=True, title="Boulanger voisin")

    body = portal_client.get("/api/offres/carte/", {"q": "boulanger"}).json()

    counts = {point["name"]: len(point["offers"]) for point in body["communes"]}
    assert counts == {"Wormhout": 2, "Hondschoote": 1}
    assert body["truncated"] is False
    assert all(offer["url"].startswith("/offres/") for point in body["communes"] for offer in point["offers"])


def test_the_map_refuses_bad_criteria_with_json_errors(portal_client, db):
    response = portal_client.get("/api/offres/carte/", {"rayon": "0", "commune": "Wormhout"})

    assert response.status_code == 400
    assert response.json()["rayon"]
