"""RGPD, for real: a copy of one's data, erasure that keeps anonymous statistics, retention."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.applications.enums import ApplicationStatus
from tenant_apps.applications.models import Application, Hire
from tenant_apps.candidates import privacy
from tenant_apps.candidates.models import Candidate
from tests.accounts.factories import DEFAULT_PASSWORD
from tests.applications.factories import ApplicationFactory
from tests.candidates.factories import CandidateFactory, ExperienceFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def candidate_client(login_as):
    client, user = login_as(Role.CANDIDATE, first_name="Léa", email="lea@x.org")
    candidate = CandidateFactory(user=user, presentation="Patiente et souriante.")
    candidate.cv_file.save("cv.pdf", ContentFile(b"%PDF-1.4 mon cv"))
    return client, candidate


def test_the_export_holds_the_profile_the_applications_and_the_cvs(candidate_client):
    client, candidate = candidate_client
    ExperienceFactory(candidate=candidate, title="Aide-soignante")
    application = ApplicationFactory(candidate=candidate, status=ApplicationStatus.SHORTLISTED)
    application.transitions.create(to_status="shortlisted", reason="Entretien bientôt")

    response = client.get("/candidat/mes-donnees/export.zip")

    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [f"candidatures/{application.pk}.pdf", "cv.pdf", "donnees.json"]
    data = json.loads(archive.read("donnees.json"))
    assert data["compte"]["email"] == "lea@x.org"
    assert data["profil"]["presentation"] == "Patiente et souriante."
    assert data["experiences"][0]["title"] == "Aide-soignante"
    assert data["candidatures"][0]["historique"][0]["message"] == "Entretien bientôt"
    assert archive.read("cv.pdf") == b"%PDF-1.4 mon cv"


def test_erasing_the_account_keeps_anonymous_applications_and_hires(
    candidate_client, tmp_path, django_capture_on_commit_callbacks
):
    client, candidate = candidate_client
    application = ApplicationFactory(candidate=candidate, message="Mon message", status=ApplicationStatus.HIRED)
    Hire.objects.create(
        offer=application.offer, application=application, source="platform", hired_on=datetime.date(2026, 11, 1)
    )
    files = [tmp_path / candidate.cv_file.name, tmp_path / application.cv.name]

    refused = client.post("/candidat/mes-donnees/", {"password": "pas le bon"})
    assert "Mot de passe incorrect" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/candidat/mes-donnees/", {"password": DEFAULT_PASSWORD}, follow=True)

    assert "ont été supprimés" in response.content.decode()
    assert not User.objects.filter(email="lea@x.org").exists()
    assert not Candidate.objects.filter(pk=candidate.pk).exists()
    application.refresh_from_db()
    assert (application.candidate, application.message, application.cv.name) == (None, "", "")
    assert Hire.objects.get().application == application
    assert not any(path.exists() for path in files)


def test_retention_warns_then_erases_candidates_who_do_not_come_back(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    away = CandidateFactory(user__email="away@x.org", user__last_login=now - datetime.timedelta(days=800))
    recent = CandidateFactory(user__last_login=now - datetime.timedelta(days=30))
    ApplicationFactory(candidate=away)

    assert privacy.apply_retention(months=24, base_url="http://test.localhost", now=now, dry_run=True) == (1, 0)
    assert not Candidate.objects.filter(retention_warning_sent_at__isnull=False).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert privacy.apply_retention(months=24, base_url="http://test.localhost", now=now) == (1, 0)
    [mail] = mailoutbox
    assert mail.to == ["away@x.org"] and mail.subject == "Votre compte sera supprimé dans 30 jours"
    assert privacy.apply_retention(months=24, base_url="", now=now + datetime.timedelta(days=10)) == (0, 0)

    assert privacy.apply_retention(months=24, base_url="", now=now + datetime.timedelta(days=31)) == (0, 1)
    assert list(Candidate.objects.all()) == [recent]
    assert Application.objects.get().candidate is None


def test_logging_in_keeps_the_account(login_as, portal_client):
    candidate = CandidateFactory(
        user__email="back@x.org",
        user__last_login=timezone.now() - datetime.timedelta(days=800),
        retention_warning_sent_at=timezone.now() - datetime.timedelta(days=20),
    )

    portal_client.post("/connexion/", {"username": "back@x.org", "password": DEFAULT_PASSWORD})

    candidate.refresh_from_db()
    assert candidate.retention_warning_sent_at is None
    later = timezone.now() + datetime.timedelta(days=20)
    assert privacy.apply_retention(months=24, base_url="", now=later) == (0, 0)


def test_the_retention_command_is_a_dry_run_by_default(territory):
    CandidateFactory(user__last_login=timezone.now() - datetime.timedelta(days=800))
    out = io.StringIO()

    call_command("apply_retention", stdout=out)

    assert "1 candidat(s) prévenu(s)" in out.getvalue() and "Simulation" in out.getvalue()
    assert not Candidate.objects.filter(retention_warning_sent_at__isnull=False).exists()


def test_the_privacy_page_is_written_from_the_territory_settings(portal_client, territory):
    territory.candidate_retention_months = 18
    territory.save()

    page = portal_client.get("/confidentialite/").content.decode()

    assert territory.name in page and "18 mois" in page


@pytest.mark.parametrize("path", ["/candidat/mes-donnees/", "/candidat/mes-donnees/export.zip"])
def test_the_data_pages_are_the_candidates_own(portal_client, login_as, path):
    assert portal_client.get(path).status_code == 302
    recruiter, _ = login_as(Role.RECRUITER)
    assert recruiter.get(path).status_code == 403
