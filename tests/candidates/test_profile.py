"""A candidate signs up, builds a profile step by step, gives a CV and chooses the CVthèque."""

import re

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.files.uploadedfile import SimpleUploadedFile

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.candidates.models import Candidate
from tenant_apps.candidates.pdf import extract_text
from tenant_apps.offers.models import SEARCH_CONFIG
from tests.candidates.factories import CandidateFactory, ExperienceFactory

PASSWORD = "Soigner-a-Wormhout-59!"


def link_in(mail) -> str:
    return re.search(r"http://test\.localhost(/\S+)", mail.body).group(1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def candidate_client(login_as):
    client, user = login_as(Role.CANDIDATE, first_name="Léa", last_name="Dumoulin")
    return client, CandidateFactory(user=user)


def matching(text):
    return Candidate.objects.filter(search_vector=SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch"))


def a_pdf(text="Léa Dumoulin aide-soignante") -> bytes:
    from io import BytesIO

    from reportlab.pdfgen import canvas

    buffer = BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def test_a_candidate_signs_up_verifies_the_address_and_lands_on_the_profile(
    portal_client, mailoutbox, django_capture_on_commit_callbacks
):
    data = {
        "first_name": "Léa",
        "last_name": "Dumoulin",
        "email": "Lea.Dumoulin@example.org",
        "phone": "06 12 34 56 78",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = portal_client.post("/candidat/inscription/", data)

    assert "Vérifiez votre messagerie" in response.content.decode()
    user = User.objects.get(email="lea.dumoulin@example.org")
    assert (user.role, user.is_active, user.candidate.phone) == (Role.CANDIDATE, False, "06 12 34 56 78")
    [mail] = mailoutbox
    response = portal_client.get(link_in(mail), follow=True)
    assert response.redirect_chain[-1][0] == "/candidat/"
    assert "Domicile et mobilité" in response.content.decode()
    assert portal_client.get(link_in(mail)).status_code == 400


def test_sign_up_refuses_a_known_address_and_a_weak_password(portal_client):
    CandidateFactory(user__email="lea@example.org")

    response = portal_client.post(
        "/candidat/inscription/",
        {"first_name": "Léa", "last_name": "D", "email": "LEA@example.org", "password1": "123", "password2": "123"},
    )

    errors = response.context["form"].errors
    assert "Un compte existe déjà avec cette adresse" in errors["email"][0]
    assert errors["password2"]
    assert User.objects.filter(email="lea@example.org").count() == 1


def test_the_home_step_resolves_the_commune_and_checks_mobility(candidate_client):
    client, candidate = candidate_client

    response = client.post(
        "/candidat/profil/domicile/",
        {"commune": "wormhout", "max_travel_km": "15", "public_transport_only": "on", "continue": ""},
    )

    assert response.status_code == 302
    assert response["Location"] == "/candidat/profil/recherche/"
    candidate.refresh_from_db()
    assert (candidate.commune.name, candidate.max_travel_km, candidate.public_transport_only) == ("Wormhout", 15, True)
    assert candidate.latitude == candidate.commune.latitude

    response = client.post(
        "/candidat/profil/domicile/",
        {"commune": "Wormhout", "max_travel_km": "0", "has_vehicle": "on", "public_transport_only": "on"},
    )
    errors = response.context["form"].errors
    assert errors["max_travel_km"]
    assert "Vous avez indiqué un véhicule" in errors["public_transport_only"][0]


def test_the_wishes_step_understands_job_titles_and_suggests_on_a_typo(candidate_client):
    client, candidate = candidate_client

    response = client.post(
        "/candidat/profil/recherche/",
        {"occupation_1": "Aide-soignant", "occupation_2": "Agent hospitalier", "contract_types": ["cdi"]},
    )

    assert response.status_code == 302
    assert sorted(candidate.occupations.values_list("code", flat=True)) == ["J1301", "J1501"]
    candidate.refresh_from_db()
    assert candidate.contract_types == ["cdi"]
    response = client.post("/candidat/profil/recherche/", {"occupation_1": "aide soignnnte xyz"})
    assert "Métier introuvable" in response.context["form"].errors["occupation_1"][0]


def test_experiences_are_added_and_removed_on_one_page(candidate_client):
    client, candidate = candidate_client
    old = ExperienceFactory(candidate=candidate, title="Caissière")
    data = {
        "experiences-TOTAL_FORMS": "2",
        "experiences-INITIAL_FORMS": "1",
        "experiences-0-id": str(old.pk),
        "experiences-0-title": "Caissière",
        "experiences-0-start_year": "2015",
        "experiences-0-DELETE": "on",
        "experiences-1-title": "Aide-soignante",
        "experiences-1-organisation": "EHPAD Les Tilleuls",
        "experiences-1-start_year": "2018",
        "experiences-1-end_year": "2017",
    }

    response = client.post("/candidat/profil/experiences/", data)
    assert (
        "end_year" in response.context["form"].forms[1].errors or response.context["form"].forms[1].non_field_errors()
    )
    assert list(candidate.experiences.values_list("title", flat=True)) == ["Caissière"]  # nothing half-saved

    data["experiences-1-end_year"] = ""
    response = client.post("/candidat/profil/experiences/", data)
    assert response.status_code == 302
    assert list(candidate.experiences.values_list("title", "end_year")) == [("Aide-soignante", None)]


def test_skills_and_languages_are_typed_one_per_line(candidate_client):
    client, candidate = candidate_client

    client.post("/candidat/profil/competences/", {"skills": "- Toilette\n\n• Aide au repas \n", "languages": "Anglais"})

    candidate.refresh_from_db()
    assert (candidate.skills, candidate.languages) == (["Toilette", "Aide au repas"], ["Anglais"])


def test_the_profile_text_is_searchable_in_french(candidate_client):
    client, candidate = candidate_client
    client.post("/candidat/profil/recherche/", {"occupation_1": "Aide-soignant"})
    client.post(
        "/candidat/profil/presentation/", {"presentation": "Patiente et souriante, j'aime le travail en équipe."}
    )

    assert list(matching("aide soignante")) == [candidate]
    assert list(matching("equipe")) == [candidate]


def test_a_pdf_cv_is_kept_in_the_territory_folder_and_its_text_searchable(candidate_client, territory):
    client, candidate = candidate_client

    response = client.post(
        "/candidat/profil/cv/", {"cv": SimpleUploadedFile("mon cv.pdf", a_pdf("Soudeuse qualifiée TIG"))}
    )

    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.cv_file.name.startswith(f"{territory.schema_name}/cv/")
    assert "Soudeuse" in candidate.cv_text
    assert list(matching("soudeuse")) == [candidate]
    response = client.get("/candidat/cv.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_file_that_is_not_a_pdf_is_refused_and_the_previous_cv_kept(candidate_client):
    client, candidate = candidate_client
    client.post("/candidat/profil/cv/", {"cv": SimpleUploadedFile("cv.pdf", a_pdf())})
    candidate.refresh_from_db()
    kept = candidate.cv_file.name

    response = client.post("/candidat/profil/cv/", {"cv": SimpleUploadedFile("cv.pdf", b"PK\x03\x04 a zip file")})

    assert "n’est pas un PDF" in str(response.context["form"].errors["cv"])
    candidate.refresh_from_db()
    assert candidate.cv_file.name == kept


def test_the_cvtheque_is_off_by_default_and_consent_is_dated(candidate_client):
    client, candidate = candidate_client
    assert not candidate.cvtheque_visible

    client.post("/candidat/profil/cv/", {"cvtheque_visible": "on", "hide_contact": "on"})
    candidate.refresh_from_db()
    assert candidate.cvtheque_visible and candidate.hide_contact
    assert candidate.cvtheque_consent_at is not None

    client.post("/candidat/profil/cv/", {})
    candidate.refresh_from_db()
    assert not candidate.cvtheque_visible
    assert candidate.cvtheque_consent_at is None


def test_the_generated_cv_holds_the_profile(candidate_client):
    client, candidate = candidate_client
    ExperienceFactory(candidate=candidate, title="Aide-soignante", organisation="EHPAD Les Tilleuls")

    response = client.get("/candidat/cv-genere.pdf")

    assert response["Content-Type"] == "application/pdf"
    text = extract_text(response.content)
    assert "Léa Dumoulin" in text
    assert "EHPAD Les Tilleuls" in text


def test_the_dashboard_lists_the_steps_left(candidate_client, snapshot_queries):
    client, _ = candidate_client

    with snapshot_queries():
        response = client.get("/candidat/")

    page = response.content.decode()
    assert "Continuer : Métiers recherchés" in page  # the home step is done (Wormhout)
    assert "Votre profil n'est pas visible des recruteurs" in page


@pytest.mark.parametrize("path", ["/candidat/", "/candidat/profil/domicile/", "/candidat/cv.pdf"])
def test_the_candidate_space_is_for_candidates_only(portal_client, login_as, other_territory, path):
    assert portal_client.get(path).status_code == 302  # to the login page
    recruiter, _ = login_as(Role.RECRUITER)
    assert recruiter.get(path).status_code == 403
    # A candidate of another territory is nobody here.
    stranger, _ = login_as(Role.CANDIDATE, on=other_territory)
    stranger.defaults["HTTP_HOST"] = "test.localhost"
    assert stranger.get(path).status_code == 302


def test_an_unknown_step_is_not_found(candidate_client):
    client, _ = candidate_client
    assert client.get("/candidat/profil/inconnue/").status_code == 404
