"""Recruiters find visible candidates near their business, save them and invite them to apply."""

import datetime

import pytest

from shared_apps.referentials.models import Commune
from tenant_apps.accounts.enums import Role
from tenant_apps.applications.models import Application
from tenant_apps.candidates.models import ProfileView
from tenant_apps.candidates.pdf import extract_text
from tenant_apps.cvtheque.enums import InvitationAnswer
from tenant_apps.cvtheque.models import ApplyInvitation, SavedCandidate
from tenant_apps.cvtheque.search import CandidateCriteria, search_candidates
from tests.candidates.factories import CandidateFactory, ExperienceFactory
from tests.employers.factories import MembershipFactory
from tests.offers.factories import OfferFactory
from tests.partners.factories import PartnerMembershipFactory

HONDSCHOOTE = "59309"
DUNKERQUE = "59183"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def recruiter(login_as):
    client, user = login_as(Role.RECRUITER)
    membership = MembershipFactory(user=user)
    return client, user, membership.employer


def names(criteria) -> list[str]:
    return [candidate.user.first_name for candidate in search_candidates(criteria)]


def near(insee, km=20, **fields):
    commune = Commune.objects.get(insee=insee)
    return CandidateCriteria(latitude=commune.latitude, longitude=commune.longitude, radius_km=km, **fields)


def test_only_candidates_who_chose_the_cvtheque_are_found(db):
    CandidateFactory(visible=True, user__first_name="Léa", occupations=["J1501"])
    CandidateFactory(user__first_name="Paul", occupations=["J1501"])

    assert names(CandidateCriteria(occupation_code="J1501")) == ["Léa"]


def test_search_by_occupation_words_and_distance(db):
    lea = CandidateFactory(visible=True, user__first_name="Léa", occupations=["J1501"])  # Wormhout
    ExperienceFactory(candidate=lea, title="Aide-soignante en EHPAD")
    far = CandidateFactory(
        visible=True, user__first_name="Inès", occupations=["J1501"], commune=Commune.objects.get(insee="62041")
    )
    ExperienceFactory(candidate=far, title="Aide-soignante")
    CandidateFactory(visible=True, user__first_name="Marc", occupations=["N1101"])

    assert names(near(HONDSCHOOTE, 20, occupation_code="J1501")) == ["Léa"]
    assert names(near(HONDSCHOOTE, 20, text="ehpad")) == ["Léa"]
    assert sorted(names(CandidateCriteria(text="aide soignante"))) == ["Inès", "Léa"]
    [found] = search_candidates(near(HONDSCHOOTE, 20, occupation_code="J1501"))
    assert 12 < found.distance_km < 14  # Wormhout ↔ Hondschoote


def test_availability_contract_and_mobility_filters(db):
    soon = datetime.date.today() + datetime.timedelta(days=10)
    CandidateFactory(visible=True, user__first_name="Léa", available_from=soon, contract_types=["cdi"])
    CandidateFactory(visible=True, user__first_name="Paul", driving_licence=True, has_vehicle=True)

    assert names(CandidateCriteria(available_by=datetime.date.today())) == ["Paul"]
    assert sorted(names(CandidateCriteria(contract_type="cdi"))) == ["Léa", "Paul"]  # Paul takes any contract
    assert names(CandidateCriteria(contract_type="temporary")) == ["Paul"]
    assert names(CandidateCriteria(driving_licence=True, has_vehicle=True)) == ["Paul"]


def test_the_search_page_lists_cards_with_distance(recruiter):
    client, _, _ = recruiter
    CandidateFactory(visible=True, user__first_name="Léa", user__last_name="Dumoulin", occupations=["J1501"])

    response = client.get("/cvtheque/", {"metier": "aide-soignant", "commune": "Hondschoote", "rayon": "20"})

    page = response.content.decode()
    assert "1 candidat" in page and "Léa Dumoulin" in page and "à 13 km" in page


def test_bad_search_input_gets_field_errors(recruiter):
    client, _, _ = recruiter
    response = client.get("/cvtheque/", {"metier": "zzzz inconnu", "rayon": "500"})
    errors = response.context["form"].errors
    assert "Métier introuvable" in errors["metier"][0]
    assert errors["rayon"]


def test_a_card_hides_surname_and_contact_when_asked_and_the_view_is_recorded(recruiter, login_as):
    client, user, employer = recruiter
    candidate_client, candidate_user = login_as(
        Role.CANDIDATE, first_name="Léa", last_name="Dumoulin", email="lea@x.org"
    )
    candidate = CandidateFactory(user=candidate_user, visible=True, hide_contact=True)

    page = client.get(f"/cvtheque/candidats/{candidate.pk}/").content.decode()

    assert "Léa D." in page and "Dumoulin" not in page and "lea@x.org" not in page
    assert list(ProfileView.objects.values_list("candidate", "viewer")) == [(candidate.pk, user.pk)]
    assert employer.name in candidate_client.get("/candidat/").content.decode()  # the candidate sees who looked


def test_the_cv_of_a_candidate_without_upload_is_generated_without_hidden_contact(recruiter):
    client, _, _ = recruiter
    candidate = CandidateFactory(visible=True, hide_contact=True, user__email="lea@x.org", phone="0612345678")

    response = client.get(f"/cvtheque/candidats/{candidate.pk}/cv.pdf")

    text = extract_text(response.content)
    assert "lea@x.org" not in text and "0612345678" not in text


def test_a_recruiter_saves_a_candidate_to_the_selection(recruiter):
    client, user, _ = recruiter
    candidate = CandidateFactory(visible=True, user__first_name="Léa")

    client.post(f"/cvtheque/candidats/{candidate.pk}/sauvegarder/")
    assert SavedCandidate.objects.filter(user=user, candidate=candidate).exists()
    assert "Léa" in client.get("/cvtheque/selection/").content.decode()
    client.post(f"/cvtheque/candidats/{candidate.pk}/sauvegarder/")
    assert not SavedCandidate.objects.exists()


def test_an_invited_candidate_says_yes_and_the_application_is_sent(
    recruiter, login_as, mailoutbox, django_capture_on_commit_callbacks
):
    client, _, employer = recruiter
    offer = OfferFactory(employer=employer, published=True, title="Aide-soignant de nuit")
    candidate_client, candidate_user = login_as(Role.CANDIDATE, email="lea@x.org")
    candidate = CandidateFactory(user=candidate_user, visible=True)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/cvtheque/candidats/{candidate.pk}/inviter/", {"offer": offer.pk, "message": "Poste à 5 km."})
    [mail] = mailoutbox
    assert mail.to == ["lea@x.org"] and "Poste à 5 km." in mail.body
    assert "Poste à 5 km." in candidate_client.get("/candidat/invitations/").content.decode()

    invitation = ApplyInvitation.objects.get()
    candidate_client.post(f"/candidat/invitations/{invitation.pk}/oui/")

    invitation.refresh_from_db()
    application = Application.objects.get()
    assert (invitation.answer, invitation.application) == (InvitationAnswer.ACCEPTED, application)
    assert (application.candidate, application.offer) == (candidate, offer)
    candidate_client.post(f"/candidat/invitations/{invitation.pk}/non/")
    invitation.refresh_from_db()
    assert invitation.answer == InvitationAnswer.ACCEPTED  # answered once


def test_a_candidate_declines_and_nothing_is_sent(recruiter, login_as):
    _, user, employer = recruiter
    offer = OfferFactory(employer=employer, published=True)
    candidate_client, candidate_user = login_as(Role.CANDIDATE)
    candidate = CandidateFactory(user=candidate_user, visible=True)
    invitation = ApplyInvitation.objects.create(offer=offer, candidate=candidate, message="?", invited_by=user)

    candidate_client.post(f"/candidat/invitations/{invitation.pk}/non/")

    invitation.refresh_from_db()
    assert invitation.answer == InvitationAnswer.DECLINED
    assert not Application.objects.exists()


def test_a_recruiter_invites_only_to_their_own_offers(recruiter):
    client, _, _ = recruiter
    foreign_offer = OfferFactory(published=True)
    candidate = CandidateFactory(visible=True)

    client.post(f"/cvtheque/candidats/{candidate.pk}/inviter/", {"offer": foreign_offer.pk, "message": "Hello"})

    assert not ApplyInvitation.objects.exists()


def test_a_candidate_answers_only_their_own_invitations(login_as, recruiter):
    _, user, employer = recruiter
    invitation = ApplyInvitation.objects.create(
        offer=OfferFactory(employer=employer, published=True),
        candidate=CandidateFactory(visible=True),
        message="?",
        invited_by=user,
    )
    other, other_user = login_as(Role.CANDIDATE)
    CandidateFactory(user=other_user)

    assert other.post(f"/candidat/invitations/{invitation.pk}/oui/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/cvtheque/", "/cvtheque/candidats/{pk}/", "/cvtheque/candidats/{pk}/cv.pdf", "/cvtheque/selection/"]
)
def test_the_cvtheque_is_for_recruiters_advisors_and_partners_of_the_territory(
    login_as, portal_client, other_territory, path
):
    url = path.format(pk=CandidateFactory(visible=True).pk)

    assert portal_client.get(url).status_code == 302
    candidate, _ = login_as(Role.CANDIDATE)
    assert candidate.get(url).status_code == 403
    stranger, _ = login_as(Role.ADVISOR, on=other_territory)
    stranger.defaults["HTTP_HOST"] = "test.localhost"
    assert stranger.get(url).status_code == 302
    for role in (Role.ADVISOR, Role.PARTNER):
        client, user = login_as(role)
        if role == Role.PARTNER:  # granted by the territory to the partner's organisation
            PartnerMembershipFactory(user=user, organisation__can_search_cvtheque=True)
        assert client.get(url).status_code == 200


def test_a_hidden_candidate_is_not_found_by_url(recruiter):
    client, _, _ = recruiter
    hidden = CandidateFactory()
    assert client.get(f"/cvtheque/candidats/{hidden.pk}/").status_code == 404
    assert client.get(f"/cvtheque/candidats/{hidden.pk}/cv.pdf").status_code == 404
