"""The CVthèque search through the API."""

from tenant_apps.accounts.enums import Role
from tests.candidates.factories import CandidateFactory


def test_authorised_roles_search_visible_candidates(login_as):
    CandidateFactory(
        visible=True, hide_contact=True, user__first_name="Léa", user__last_name="Dumoulin", occupations=["J1501"]
    )
    CandidateFactory(occupations=["J1501"])
    client, _ = login_as(Role.ADVISOR)

    response = client.get("/api/cvtheque/", {"metier": "J1501", "commune": "Hondschoote", "rayon": 20})

    [card] = response.json()["results"]
    assert card["name"] == "Léa D."
    assert 12 < card["distance_km"] < 14
    assert "email" not in card


def test_bad_criteria_are_a_json_400(login_as):
    client, _ = login_as(Role.RECRUITER)
    response = client.get("/api/cvtheque/", {"metier": "zzzz inconnu"})
    assert response.status_code == 400 and "metier" in response.json()


def test_candidates_and_visitors_cannot_search(login_as, portal_client):
    candidate, _ = login_as(Role.CANDIDATE)
    assert candidate.get("/api/cvtheque/").status_code == 403
    assert portal_client.get("/api/cvtheque/").status_code in (401, 403)
