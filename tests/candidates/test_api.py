"""The candidate's profile through the API: the step forms' validation, JSON errors, isolation."""

import pytest

from tenant_apps.accounts.enums import Role
from tests.candidates.factories import CandidateFactory


@pytest.fixture
def candidate_api(login_as):
    client, user = login_as(Role.CANDIDATE, first_name="Léa")
    return client, CandidateFactory(user=user, commune=None)


def test_a_candidate_reads_and_completes_the_profile_step_by_step(candidate_api):
    client, _ = candidate_api

    response = client.patch(
        "/api/candidat/profil/domicile/",
        {"commune": "Wormhout", "driving_licence": True, "max_travel_km": 15},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    client.patch(
        "/api/candidat/profil/recherche/",
        {"occupation_1": "Aide-soignant", "contract_types": ["cdi", "cdd"]},
        content_type="application/json",
    )
    client.patch(
        "/api/candidat/profil/competences/", {"skills": ["Toilette", "Aide au repas"]}, content_type="application/json"
    )
    created = client.post(
        "/api/candidat/experiences/", {"title": "Aide-soignante", "start_year": 2018}, content_type="application/json"
    )
    assert created.status_code == 201

    profile = client.get("/api/candidat/profil/").json()
    assert (profile["commune"], profile["driving_licence"], profile["max_travel_km"]) == ("59663", True, 15)
    assert (profile["occupations"], profile["contract_types"]) == (["J1501"], ["cdi", "cdd"])
    assert profile["skills"] == ["Toilette", "Aide au repas"]
    assert [e["title"] for e in profile["experiences"]] == ["Aide-soignante"]
    assert client.delete(f"/api/candidat/experiences/{created.json()['id']}/").status_code == 204


def test_a_field_left_out_keeps_its_value(candidate_api):
    client, candidate = candidate_api
    client.patch("/api/candidat/profil/domicile/", {"commune": "Wormhout"}, content_type="application/json")

    client.patch("/api/candidat/profil/domicile/", {"max_travel_km": 30}, content_type="application/json")

    candidate.refresh_from_db()
    assert (candidate.commune_id, candidate.max_travel_km) == ("59663", 30)


def test_bad_input_gets_json_field_errors_and_changes_nothing(candidate_api):
    client, candidate = candidate_api

    response = client.patch(
        "/api/candidat/profil/domicile/", {"commune": "Atlantide", "max_travel_km": 0}, content_type="application/json"
    )

    assert response.status_code == 400
    assert "Commune introuvable" in response.json()["commune"][0]
    assert "max_travel_km" in response.json()
    candidate.refresh_from_db()
    assert candidate.commune is None
    assert client.patch("/api/candidat/profil/inconnue/", {}, content_type="application/json").status_code == 404
    response = client.post("/api/candidat/experiences/", {"start_year": 1800}, content_type="application/json")
    assert set(response.json()) == {"title", "start_year"}


def test_consent_to_the_cvtheque_is_dated_through_the_api_too(candidate_api):
    client, candidate = candidate_api

    client.patch("/api/candidat/profil/cv/", {"cvtheque_visible": True}, content_type="application/json")

    candidate.refresh_from_db()
    assert candidate.cvtheque_visible and candidate.cvtheque_consent_at is not None


def test_the_profile_api_is_for_the_candidate_only(login_as, other_territory, portal_client):
    assert portal_client.get("/api/candidat/profil/").status_code in (401, 403)
    recruiter, _ = login_as(Role.RECRUITER)
    assert recruiter.get("/api/candidat/profil/").status_code == 403
    someone_else, _ = login_as(Role.CANDIDATE)
    assert someone_else.delete("/api/candidat/experiences/999999/").status_code == 404
    stranger, _ = login_as(Role.CANDIDATE, on=other_territory)
    stranger.defaults["HTTP_HOST"] = "test.localhost"
    assert stranger.get("/api/candidat/profil/").status_code in (401, 403)
