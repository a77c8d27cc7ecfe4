"""Applications through the API: apply, follow, change state; the same rules as the pages."""

import pytest

from tenant_apps.accounts.enums import Role
from tenant_apps.applications.enums import ApplicationStatus
from tenant_apps.applications.models import Application
from tests.applications.factories import ApplicationFactory
from tests.candidates.factories import CandidateFactory
from tests.employers.factories import MembershipFactory
from tests.offers.factories import OfferFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def offer():
    return OfferFactory(published=True, title="Aide-soignant de nuit")


@pytest.fixture
def recruiter_api(login_as, offer):
    client, user = login_as(Role.RECRUITER)
    MembershipFactory(user=user, employer=offer.employer)
    return client


def test_a_candidate_applies_and_follows_the_application(login_as, offer):
    client, user = login_as(Role.CANDIDATE)
    CandidateFactory(user=user)

    response = client.post(
        f"/api/offres/{offer.pk}/candidater/", {"cv_kind": "generated", "message": "Bonjour"}, "application/json"
    )

    assert response.status_code == 201, response.json()
    again = client.post(f"/api/offres/{offer.pk}/candidater/", {"cv_kind": "generated"}, "application/json")
    assert again.status_code == 403 and "déjà postulé" in again.json()["detail"]
    [mine] = client.get("/api/candidat/candidatures/").json()["results"]
    assert (mine["offer_title"], mine["status"]) == ("Aide-soignant de nuit", "submitted")
    assert "notes" not in mine
    assert client.post(f"/api/candidat/candidatures/{mine['id']}/retirer/").json()["status"] == "withdrawn"


def test_bad_application_input_is_a_json_400(login_as, offer):
    client, user = login_as(Role.CANDIDATE)
    CandidateFactory(user=user)

    response = client.post(f"/api/offres/{offer.pk}/candidater/", {"cv_kind": "uploaded"}, "application/json")

    assert response.status_code == 400 and "cv_kind" in response.json()
    assert client.post("/api/offres/999999/candidater/", {}, "application/json").status_code == 404


def test_a_recruiter_lists_reads_and_moves_applications(recruiter_api, offer):
    application = ApplicationFactory(offer=offer)

    [listed] = recruiter_api.get(f"/api/employeur/candidatures/offre/{offer.pk}/").json()["results"]
    assert listed["id"] == application.pk
    detail = recruiter_api.get(f"/api/employeur/candidatures/{application.pk}/").json()
    assert detail["status"] == "seen"
    response = recruiter_api.post(
        f"/api/employeur/candidatures/{application.pk}/hire/", {"hired_on": "2026-12-01"}, "application/json"
    )
    assert response.json()["status"] == "hired"
    refused = recruiter_api.post(f"/api/employeur/candidatures/{application.pk}/reject/", {}, "application/json")
    assert refused.status_code == 403 and "impossible" in refused.json()["detail"]


def test_applications_of_other_employers_are_not_found_through_the_api(login_as, offer):
    application = ApplicationFactory(offer=offer)
    client, user = login_as(Role.RECRUITER)
    MembershipFactory(user=user)

    assert client.get(f"/api/employeur/candidatures/offre/{offer.pk}/").status_code == 404
    assert client.get(f"/api/employeur/candidatures/{application.pk}/").status_code == 404
    assert client.post(f"/api/employeur/candidatures/{application.pk}/reject/").status_code == 404
    candidate, _ = login_as(Role.CANDIDATE)
    assert candidate.get(f"/api/employeur/candidatures/{application.pk}/").status_code == 403
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert Application.objects.count() == 1
