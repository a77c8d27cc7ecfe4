"""A candidate applies; the recruiter follows the application to its outcome; the hire is counted."""

import datetime

import pytest
from django.utils import timezone

from tenant_apps.accounts.enums import Role
from tenant_apps.applications import services
from tenant_apps.applications.enums import ApplicationStatus, HireSource
from tenant_apps.applications.models import Application, ExternalApplicationClick, Hire
from tenant_apps.candidates.pdf import extract_text
from tenant_apps.offers.enums import ApplicationMethod, OfferStatus
from tests.applications.factories import ApplicationFactory
from tests.candidates.factories import CandidateFactory, ExperienceFactory
from tests.employers.factories import MembershipFactory
from tests.offers.factories import OfferFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def candidate_client(login_as):
    client, user = login_as(Role.CANDIDATE, first_name="Léa", last_name="Dumoulin")
    candidate = CandidateFactory(user=user)
    ExperienceFactory(candidate=candidate)
    return client, candidate


@pytest.fixture
def offer():
    return OfferFactory(published=True, title="Aide-soignant de nuit", positions=2)


@pytest.fixture
def recruiter_client(login_as, offer):
    client, user = login_as(Role.RECRUITER, email="rh@ehpad.example.org")
    MembershipFactory(user=user, employer=offer.employer)
    return client, user


def test_a_candidate_applies_with_the_cv_generated_from_the_profile(
    candidate_client, offer, recruiter_client, mailoutbox, django_capture_on_commit_callbacks
):
    client, candidate = candidate_client

    assert "Postuler" in client.get(f"/offres/{offer.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/offres/{offer.pk}/postuler/", {"cv_kind": "generated", "message": "Disponible de nuit."}
        )

    assert response["Location"] == "/candidat/candidatures/"
    application = Application.objects.get()
    assert (application.candidate, application.offer, application.status) == (
        candidate,
        offer,
        ApplicationStatus.SUBMITTED,
    )
    assert "EHPAD Les Tilleuls" in extract_text(application.cv.read())
    [mail] = mailoutbox
    assert mail.to == ["rh@ehpad.example.org"]
    assert mail.subject == "Nouvelle candidature : Aide-soignant de nuit"
    assert f"/employeur/candidatures/{application.pk}/" in mail.body
    page = client.get("/candidat/candidatures/").content.decode()
    assert "Aide-soignant de nuit" in page and "Envoyée" in page


def test_a_second_application_to_the_same_offer_is_refused(candidate_client, offer):
    client, candidate = candidate_client
    ApplicationFactory(candidate=candidate, offer=offer)

    with pytest.raises(services.ApplicationError, match="déjà postulé"):
        services.apply(candidate=candidate, offer=offer, message="", cv_kind="generated", base_url="")
    page = client.get(f"/offres/{offer.pk}/postuler/").content.decode()
    assert "Vous avez postulé le" in page
    client.post(f"/offres/{offer.pk}/postuler/", {"cv_kind": "generated"})
    assert Application.objects.count() == 1


def test_an_offer_that_is_no_longer_online_takes_no_application(candidate_client):
    client, candidate = candidate_client
    offer = OfferFactory(status=OfferStatus.EXPIRED)

    assert client.get(f"/offres/{offer.pk}/postuler/").status_code == 404
    with pytest.raises(services.ApplicationError, match="n'est plus en ligne"):
        services.apply(candidate=candidate, offer=offer, message="", cv_kind="generated", base_url="")


def test_choosing_an_uploaded_cv_without_one_is_refused(candidate_client, offer):
    client, _ = candidate_client

    response = client.post(f"/offres/{offer.pk}/postuler/", {"cv_kind": "uploaded"})

    assert "cv_kind" in response.context["form"].errors
    assert not Application.objects.exists()


def test_visitors_log_in_first_and_other_roles_cannot_apply(portal_client, login_as, offer):
    response = portal_client.get(f"/offres/{offer.pk}/postuler/")
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")
    recruiter, _ = login_as(Role.RECRUITER)
    assert recruiter.post(f"/offres/{offer.pk}/postuler/", {"cv_kind": "generated"}).status_code == 403


def test_an_offer_of_another_territory_is_not_found(candidate_client, other_territory):
    client, _ = candidate_client
    with other_territory:
        foreign = OfferFactory(published=True)
    assert client.get(f"/offres/{foreign.pk + 1000}/postuler/").status_code == 404


@pytest.mark.parametrize(
    ("method", "field", "value", "target"),
    [
        (ApplicationMethod.URL, "application_url", "https://emplois.example.org/42", "https://emplois.example.org/42"),
        (ApplicationMethod.EMAIL, "application_email", "rh@example.org", "mailto:rh@example.org"),
    ],
)
def test_an_external_application_is_counted_as_a_click(portal_client, method, field, value, target):
    offer = OfferFactory(published=True, application_method=method, **{field: value})

    assert portal_client.get(f"/offres/{offer.pk}/postuler/")["Location"] == f"/offres/{offer.pk}/postuler/externe/"
    response = portal_client.get(f"/offres/{offer.pk}/postuler/externe/")

    assert response["Location"] == target
    assert ExternalApplicationClick.objects.filter(offer=offer).count() == 1


def test_opening_an_application_tells_the_candidate_it_was_seen(recruiter_client, offer, login_as):
    client, _ = recruiter_client
    application = ApplicationFactory(offer=offer)

    page = client.get(f"/employeur/candidatures/{application.pk}/").content.decode()

    assert "Présélectionner" in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SEEN
    assert list(application.transitions.values_list("to_status", flat=True)) == ["seen"]


def test_the_recruiter_follows_the_application_to_the_hire_and_the_candidate_sees_each_step(
    recruiter_client, offer, candidate_client, mailoutbox, django_capture_on_commit_callbacks
):
    client, recruiter = recruiter_client
    candidate_browser, candidate = candidate_client
    application = ApplicationFactory(offer=offer, candidate=candidate)
    base = f"/employeur/candidatures/{application.pk}"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{base}/shortlist/")
        client.post(f"{base}/interview/", {"reason": "Entretien mardi 10 h à l'EHPAD."})
        client.post(f"{base}/note/", {"text": "Très motivée, à rappeler."})
        client.post(f"{base}/hire/", {"hired_on": "2026-12-01"})

    application.refresh_from_db()
    assert application.status == ApplicationStatus.HIRED
    hire = Hire.objects.get()
    assert (hire.application, hire.source, str(hire.hired_on), hire.recorded_by) == (
        application,
        HireSource.PLATFORM,
        "2026-12-01",
        recruiter,
    )
    assert services.positions_left(offer) == 1
    assert [mail.subject for mail in mailoutbox] == ["Votre candidature : Aide-soignant de nuit"] * 3
    assert "Entretien mardi 10 h" in mailoutbox[1].body
    page = candidate_browser.get("/candidat/candidatures/").content.decode()
    assert "Recrutement" in page and "Entretien mardi 10 h" in page
    assert "Très motivée" not in page  # internal notes stay internal


def test_the_last_position_filled_marks_the_offer_filled(recruiter_client, offer):
    _, recruiter = recruiter_client
    first, second = ApplicationFactory.create_batch(2, offer=offer)

    services.apply_transition(first, "hire", by=recruiter)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED
    services.apply_transition(second, "hire", by=recruiter)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.FILLED
    assert list(offer.transitions.values_list("to_status", "by")) == [("filled", None)]


def test_a_hire_made_elsewhere_is_reported_on_the_offer(recruiter_client, offer):
    client, _ = recruiter_client

    client.post(
        f"/employeur/candidatures/offre/{offer.pk}/recrutement/", {"source": "elsewhere", "hired_on": "2026-11-20"}
    )

    assert list(Hire.objects.values_list("source", "application")) == [("elsewhere", None)]
    assert "Recrutement hors portail" in client.get(f"/employeur/candidatures/offre/{offer.pk}/").content.decode()


def test_illegal_transitions_are_refused(recruiter_client, offer):
    _, recruiter = recruiter_client
    application = ApplicationFactory(offer=offer, status=ApplicationStatus.REJECTED)

    with pytest.raises(services.ApplicationError, match="impossible"):
        services.apply_transition(application, "hire", by=recruiter)
    with pytest.raises(services.ApplicationError, match="impossible"):
        services.apply_transition(ApplicationFactory(offer=offer), "withdraw", by=recruiter)


def test_a_candidate_withdraws_only_their_own_application(candidate_client, offer):
    client, candidate = candidate_client
    mine = ApplicationFactory(offer=offer, candidate=candidate)
    theirs = ApplicationFactory(offer=offer)

    assert client.post(f"/candidat/candidatures/{theirs.pk}/retirer/").status_code == 404
    client.post(f"/candidat/candidatures/{mine.pk}/retirer/")

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == (ApplicationStatus.WITHDRAWN, ApplicationStatus.SUBMITTED)


def test_the_employer_dashboard_counts_applications_per_offer(recruiter_client, offer):
    client, _ = recruiter_client
    ApplicationFactory(offer=offer)
    ApplicationFactory(offer=offer, status=ApplicationStatus.REJECTED)

    assert "2 candidatures (1 à traiter)" in client.get("/employeur/").content.decode()


def test_the_recruiter_reads_the_cv_sent(recruiter_client, offer):
    client, _ = recruiter_client
    application = ApplicationFactory(offer=offer)

    response = client.get(f"/employeur/candidatures/{application.pk}/cv.pdf")

    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path",
    [
        "/employeur/candidatures/offre/{offer}/",
        "/employeur/candidatures/{application}/",
        "/employeur/candidatures/{application}/cv.pdf",
    ],
)
def test_applications_are_hidden_from_other_employers_roles_and_territories(
    login_as, portal_client, offer, other_territory, path
):
    application = ApplicationFactory(offer=offer)
    url = path.format(offer=offer.pk, application=application.pk)

    other_recruiter, user = login_as(Role.RECRUITER)
    MembershipFactory(user=user)
    assert other_recruiter.get(url).status_code == 404
    candidate, _ = login_as(Role.CANDIDATE)
    assert candidate.get(url).status_code == 403
    assert portal_client.get(url).status_code == 302
    stranger, _ = login_as(Role.RECRUITER, on=other_territory)
    stranger.defaults["HTTP_HOST"] = "test.localhost"
    assert stranger.get(url).status_code == 302
    advisor, _ = login_as(Role.ADVISOR)
    assert advisor.get(url).status_code == 200


def test_a_recruiter_cannot_change_an_application_of_another_employer(login_as, offer):
    application = ApplicationFactory(offer=offer)
    client, user = login_as(Role.RECRUITER)
    MembershipFactory(user=user)

    assert client.post(f"/employeur/candidatures/{application.pk}/reject/").status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_a_recruiter_chooses_a_daily_summary_instead_of_one_email_per_application(
    recruiter_client, offer, candidate_client, mailoutbox, django_capture_on_commit_callbacks
):
    client, recruiter = recruiter_client
    client.post("/employeur/alertes/", {"application_alerts": "daily"})
    recruiter.membership.refresh_from_db()
    assert recruiter.membership.application_alerts == "daily"
    candidate_browser, _ = candidate_client

    with django_capture_on_commit_callbacks(execute=True):
        candidate_browser.post(f"/offres/{offer.pk}/postuler/", {"cv_kind": "generated"})
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_daily_summaries(base_url="http://test.localhost") == 1
    [mail] = mailoutbox
    assert mail.to == ["rh@ehpad.example.org"] and mail.subject == "1 nouvelle candidature"
    assert "Aide-soignant de nuit : Léa Dumoulin" in mail.body
    later = timezone.now() + datetime.timedelta(days=2)
    assert services.send_daily_summaries(base_url="", now=later) == 0
