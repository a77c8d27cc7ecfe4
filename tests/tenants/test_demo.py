"""The demo data: plausible, valid, searchable."""

from shared_apps.directory.models import PublishedOffer
from tenant_apps.accounts.enums import Role
from tenant_apps.candidates.models import Candidate
from tenant_apps.cvtheque.search import CandidateCriteria, search_candidates
from tenant_apps.employers.models import Employer
from tenant_apps.employers.validators import clean_siret
from tenant_apps.followup.models import EmployerContact, FollowUp
from tenant_apps.forums.models import Forum
from tenant_apps.offers.enums import OfferStatus
from tenant_apps.offers.models import Offer
from tenant_apps.offers.search import Criteria, search_offers
from tenant_apps.proposals.models import Proposal
from tenants.demo import attach_demo_recruiter, populate, populate_backoffice, populate_candidates
from tests.accounts.factories import UserFactory


def test_populate_makes_valid_employers_and_searchable_offers_in_the_member_communes(territory):
    employers, offers = populate(territory, scale=1)

    assert (employers, offers) == (25, 80)
    assert all(clean_siret(siret) == siret for siret in Employer.objects.values_list("siret", flat=True))
    member_communes = set(territory.communes.values_list("insee", flat=True))
    assert set(Offer.objects.values_list("commune_id", flat=True)) <= member_communes
    published = Offer.objects.filter(status=OfferStatus.PUBLISHED)
    assert 60 < published.count() < 80
    assert not Offer.objects.filter(search_vector=None).exists()
    assert PublishedOffer.objects.filter(territory=territory).count() == published.count()
    assert published.filter(transitions__to_status=OfferStatus.PUBLISHED).count() == published.count()
    baker = Offer.objects.filter(occupation_id="D1102", status=OfferStatus.PUBLISHED).first()
    if baker:
        assert baker in search_offers(Criteria(text="boulangere"))


def test_populate_is_deterministic(territory):
    populate(territory, scale=1)
    first = list(Offer.objects.order_by("pk").values_list("title", "commune_id"))
    Offer.objects.all().delete()
    Employer.objects.all().delete()

    populate(territory, scale=1)

    assert list(Offer.objects.order_by("pk").values_list("title", "commune_id")) == first


def test_the_demo_recruiter_works_for_a_generated_employer(territory):

    recruiter = UserFactory(role=Role.RECRUITER, email="recruiter@hauts-de-flandre.example.org")
    populate(territory, scale=1)

    attach_demo_recruiter()
    attach_demo_recruiter()  # seeding twice changes nothing

    recruiter.refresh_from_db()
    assert recruiter.membership.employer == Employer.objects.earliest("pk")


def test_generated_candidates_live_in_the_member_communes_and_most_are_in_the_cvtheque(territory):
    made = populate_candidates(territory, 50)

    candidates = Candidate.objects.filter(user__email__startswith="candidat-")
    assert made == candidates.count() == 50
    assert set(candidates.values_list("commune__epci", flat=True)) == {territory.epci_siren}
    assert 30 <= candidates.in_cvtheque().count() <= 48
    assert search_candidates(CandidateCriteria(occupation_code="J1501")).exists()
    assert not candidates.filter(search_vector=None).exists()


def test_the_demo_advisor_finds_followed_candidates_a_preselection_and_next_month_forum(territory):
    advisor = UserFactory(role=Role.ADVISOR, email="advisor@hauts-de-flandre.example.org")
    populate(territory, scale=1)
    populate_candidates(territory, 30)

    populate_backoffice(territory)

    assert FollowUp.objects.count() == 20
    assert FollowUp.objects.filter(advisor=advisor).count() == 10
    assert EmployerContact.objects.count() == 5
    proposals = Proposal.objects.select_related("offer")
    assert len(proposals) == 2 and {p.offer.employer_id for p in proposals} == {Employer.objects.earliest("pk").pk}
    forum = Forum.objects.get()
    assert not forum.is_over and forum.accepts_registrations
    assert (forum.participants.count(), forum.registrations.count()) == (8, 15)
