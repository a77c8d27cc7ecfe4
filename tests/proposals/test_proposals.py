"""Pre-selection: an advisor proposes a short list for an offer, the employer answers per
candidate, an accepted proposal becomes a shortlisted application and its hire counts as
a hire through the advisor."""

import pytest
from django.utils import timezone

from shared_apps.referentials.models import Commune
from tenant_apps.accounts.enums import Role
from tenant_apps.applications.enums import ApplicationStatus, HireSource
from tenant_apps.applications.models import Application
from tenant_apps.applications.services import apply_transition
from tenant_apps.offers.enums import ApplicationMethod
from tenant_apps.proposals import services
from tenant_apps.proposals.enums import ProposalStatus
from tenant_apps.proposals.models import Proposal
from tests.applications.factories import ApplicationFactory
from tests.candidates.factories import CandidateFactory
from tests.employers.factories import MembershipFactory
from tests.offers.factories import OfferFactory

HONDSCHOOTE = "59309"  # about 13 km from Wormhout
BAKER = "D1102"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def offer(territory):
    return OfferFactory(published=True, title="Boulanger / Boulangère", positions=2)


@pytest.fixture
def recruiter(login_as, offer):
    client, user = login_as(Role.RECRUITER)
    MembershipFactory(user=user, employer=offer.employer)
    return client, user


def baker(first_name, **fields):
    return CandidateFactory(visible=True, occupations=[BAKER], user__first_name=first_name, **fields)


def test_matching_candidates_share_the_occupation_and_can_get_to_the_job(offer):
    hondschoote = Commune.objects.get(insee=HONDSCHOOTE)
    near = baker("Inès")
    willing = baker("Paul", commune=hondschoote, max_travel_km=20)
    baker("Zoé", commune=hondschoote, max_travel_km=10)  # farther than she goes
    baker("Hugo", public_transport_only=True)  # the job is not reachable without a car
    CandidateFactory(occupations=[BAKER], user__first_name="Léa")  # not in the CVthèque
    CandidateFactory(visible=True, occupations=["J1501"], user__first_name="Marc")  # another occupation
    ApplicationFactory(offer=offer, candidate=baker("Nina"))  # applied already
    Proposal.objects.create(offer=offer, candidate=baker("Omar"))  # proposed already

    found = services.matching_candidates(offer, radius_km=20)

    assert [candidate.user.first_name for candidate in found] == ["Inès", "Paul"]
    assert [round(candidate.distance_km) for candidate in found] == [0, 13]
    offer.reachable_without_car = True
    assert "Hugo" in {c.user.first_name for c in services.matching_candidates(offer, radius_km=20)}
    offer.driving_licence_required = True
    assert list(services.matching_candidates(offer, radius_km=20)) == []
    assert near.pk and willing.pk


def test_an_advisor_proposes_a_short_list_and_everyone_is_told(
    login_as, offer, mailoutbox, django_capture_on_commit_callbacks
):
    client, advisor = login_as(Role.ADVISOR)
    MembershipFactory(employer=offer.employer, user__email="patron@boulangerie.fr")
    ines, paul = baker("Inès"), baker("Paul")

    page = client.get(f"/gestion/offres/{offer.pk}/preselection/").content.decode()
    assert "Inès" in page and "Paul" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/gestion/offres/{offer.pk}/preselection/",
            {"candidates": [ines.pk, paul.pk], "message": "Deux profils motivés, disponibles tout de suite."},
        )

    assert response.status_code == 302
    proposals = Proposal.objects.filter(offer=offer)
    assert {(p.candidate, p.proposed_by, p.status) for p in proposals} == {
        (ines, advisor, ProposalStatus.PENDING),
        (paul, advisor, ProposalStatus.PENDING),
    }
    to_employer = next(mail for mail in mailoutbox if mail.to == ["patron@boulangerie.fr"])
    assert to_employer.subject == "Votre conseiller vous propose 2 candidats pour « Boulanger / Boulangère »"
    assert f"/employeur/candidatures/offre/{offer.pk}/" in to_employer.body
    assert {mail.to[0] for mail in mailoutbox} == {"patron@boulangerie.fr", ines.user.email, paul.user.email}
    again = client.get(f"/gestion/offres/{offer.pk}/preselection/").content.decode()
    assert "Déjà proposés" in again and 'name="candidates"' not in again


def test_only_matching_candidates_can_be_proposed_and_at_least_one(login_as, offer):
    client, _advisor = login_as(Role.ADVISOR)
    hidden = CandidateFactory(occupations=[BAKER])

    response = client.post(f"/gestion/offres/{offer.pk}/preselection/", {"candidates": [hidden.pk]})
    assert response.status_code == 400
    assert not Proposal.objects.exists()
    baker("Inès")
    response = client.post(f"/gestion/offres/{offer.pk}/preselection/", {"message": "Bonjour"})
    assert response.status_code == 400
    assert "Choisissez au moins une personne à proposer." in response.content.decode()


def test_an_offer_taking_applications_elsewhere_cannot_receive_proposals(login_as):
    client, _advisor = login_as(Role.ADVISOR)
    offer = OfferFactory(
        published=True, application_method=ApplicationMethod.URL, application_url="https://exemple.fr/postuler"
    )
    ines = baker("Inès")

    page = client.get(f"/gestion/offres/{offer.pk}/preselection/").content.decode()
    assert "Seules les offres en ligne qui reçoivent les candidatures par le portail" in page
    with pytest.raises(services.ProposalError):
        services.propose(offer, [ines], by=None, message="", base_url="")


def test_the_employer_accepts_a_proposal_which_becomes_a_shortlisted_application(
    recruiter, offer, mailoutbox, django_capture_on_commit_callbacks
):
    client, user = recruiter
    advisor = CandidateFactory().user  # any active account receives the answer
    advisor.role = Role.ADVISOR
    advisor.save()
    proposal = Proposal.objects.create(offer=offer, candidate=baker("Inès"), proposed_by=advisor, message="Motivée.")

    listing = client.get(f"/employeur/candidatures/offre/{offer.pk}/").content.decode()
    assert "Proposés par votre conseiller" in listing
    detail = client.get(f"/employeur/propositions/{proposal.pk}/").content.decode()
    assert "Motivée." in detail and "Proposé par votre conseiller" in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/employeur/propositions/{proposal.pk}/accepter/", {"reason": "Entretien lundi"})

    proposal.refresh_from_db()
    application = proposal.application
    assert response.url == f"/employeur/candidatures/{application.pk}/"
    assert (proposal.status, proposal.answered_by, proposal.answer_reason) == (
        ProposalStatus.ACCEPTED,
        user,
        "Entretien lundi",
    )
    assert (application.status, application.message) == (ApplicationStatus.SHORTLISTED, "Motivée.")
    assert [step.to_status for step in application.transitions.order_by("pk")] == ["submitted", "shortlisted"]
    assert any(mail.to == [advisor.email] and "veut le/la rencontrer" in mail.subject for mail in mailoutbox)
    assert any(mail.to == [proposal.candidate.user.email] for mail in mailoutbox)
    assert "proposé par votre conseiller" in client.get(f"/employeur/candidatures/{application.pk}/").content.decode()

    apply_transition(application, "hire", by=user)
    assert application.hire.source == HireSource.ADVISOR


def test_a_declined_proposal_keeps_the_reason_for_the_advisor_and_cannot_be_answered_twice(recruiter, login_as, offer):
    client, _user = recruiter
    proposal = Proposal.objects.create(offer=offer, candidate=baker("Inès"))

    client.post(f"/employeur/propositions/{proposal.pk}/decliner/", {"reason": "Poste pourvu en interne"})
    response = client.post(f"/employeur/propositions/{proposal.pk}/accepter/", follow=True)

    proposal.refresh_from_db()
    assert (proposal.status, proposal.answer_reason, proposal.application) == (
        ProposalStatus.DECLINED,
        "Poste pourvu en interne",
        None,
    )
    assert "Cette proposition a déjà reçu une réponse." in response.content.decode()
    assert not Application.objects.exists()
    advisor, _advisor = login_as(Role.ADVISOR)
    assert "Poste pourvu en interne" in advisor.get(f"/gestion/offres/{offer.pk}/preselection/").content.decode()


def test_a_hire_from_an_ordinary_application_stays_a_platform_hire(recruiter, offer):
    _client, user = recruiter
    application = ApplicationFactory(offer=offer)

    apply_transition(application, "hire", by=user, hired_on=timezone.localdate())

    assert application.hire.source == HireSource.PLATFORM


def test_the_preselection_page_runs_a_fixed_number_of_queries(login_as, offer, snapshot_queries):
    client, _advisor = login_as(Role.ADVISOR)
    for name in ["Inès", "Paul", "Zoé"]:
        baker(name)
    Proposal.objects.create(offer=offer, candidate=baker("Omar"))
    Proposal.objects.create(offer=offer, candidate=baker("Nina"), status=ProposalStatus.DECLINED)

    with snapshot_queries():
        assert client.get(f"/gestion/offres/{offer.pk}/preselection/").status_code == 200


# Who may do what


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.RECRUITER, Role.RECEPTION_AGENT, Role.PARTNER])
def test_only_advisors_preselect(login_as, offer, role):
    client, _user = login_as(role)
    ines = baker("Inès")

    assert client.get(f"/gestion/offres/{offer.pk}/preselection/").status_code == 403
    assert client.post(f"/gestion/offres/{offer.pk}/preselection/", {"candidates": [ines.pk]}).status_code == 403
    assert not Proposal.objects.exists()


def test_a_proposal_is_answered_only_by_who_manages_the_offer(login_as, portal_client, offer):
    proposal = Proposal.objects.create(offer=offer, candidate=baker("Inès"))
    other_recruiter, user = login_as(Role.RECRUITER)
    MembershipFactory(user=user)  # of another employer
    candidate, _user = login_as(Role.CANDIDATE)

    for url in [f"/employeur/propositions/{proposal.pk}/", f"/employeur/propositions/{proposal.pk}/accepter/"]:
        assert other_recruiter.post(url).status_code == 404, url
        assert candidate.post(url).status_code == 403, url
        assert portal_client.post(url).status_code == 302, url  # to the login page
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_another_territory_reaches_neither_the_preselection_nor_the_proposals(
    login_as, territory, other_territory, offer
):
    proposal = Proposal.objects.create(offer=offer, candidate=baker("Inès"))
    advisor, _user = login_as(Role.ADVISOR, on=other_territory)

    assert advisor.get(f"/gestion/offres/{offer.pk}/preselection/").status_code == 404
    assert advisor.post(f"/employeur/propositions/{proposal.pk}/accepter/").status_code == 404
    with territory:
        proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
