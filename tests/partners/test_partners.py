"""Partner organisations: the territory admin manages them; candidates choose the one that
supports them; partners see their organisation's candidates, offers and figures, nothing else."""

import datetime
import io
import json
import zipfile

import pytest
from django.utils import timezone

from tenant_apps.accounts.enums import Role
from tenant_apps.alerts.models import CandidateAlert
from tenant_apps.applications.enums import HireSource
from tenant_apps.applications.models import Application, Hire
from tenant_apps.audit.enums import AuditAction
from tenant_apps.audit.models import AuditEntry
from tenant_apps.candidates.models import Candidate
from tenant_apps.offers.enums import OfferSource, OfferStatus
from tenant_apps.partners import services
from tenant_apps.partners.enums import OrganisationKind
from tenant_apps.partners.models import PartnerOrganisation
from tenants.demo import attach_demo_partner, populate_candidates
from tests.accounts.factories import UserFactory
from tests.applications.factories import ApplicationFactory
from tests.candidates.factories import CandidateFactory
from tests.candidates.test_assisted import form_data as assisted_form_data
from tests.offers.factories import OfferFactory
from tests.offers.test_offers import offer_data
from tests.partners.factories import PartnerMembershipFactory, PartnerOrganisationFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def organisation(db):
    return PartnerOrganisationFactory(name="Mission locale des Flandres")


@pytest.fixture
def partner(login_as, organisation):
    """A client logged in as a member of ``organisation``, and the user."""
    client, user = login_as(Role.PARTNER, first_name="Paul", last_name="Partenaire")
    PartnerMembershipFactory(user=user, organisation=organisation)
    return client, user


def member_of(organisation):
    return PartnerMembershipFactory(organisation=organisation).user


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


# The territory admin's pages


def test_the_admin_creates_and_edits_an_organisation_with_its_grants(login_as):
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    response = client.post(
        "/gestion/partenaires/nouveau/",
        {
            "name": "Agence France Travail d'Hazebrouck",
            "kind": OrganisationKind.FRANCE_TRAVAIL,
            "can_post_offers": "on",
        },
    )

    organisation = PartnerOrganisation.objects.get()
    assert response.url == f"/gestion/partenaires/{organisation.pk}/"
    assert (organisation.can_post_offers, organisation.can_search_cvtheque) == (True, False)
    client.post(
        f"/gestion/partenaires/{organisation.pk}/",
        {"name": organisation.name, "kind": organisation.kind, "can_search_cvtheque": "on"},
    )
    organisation.refresh_from_db()
    assert (organisation.can_post_offers, organisation.can_search_cvtheque) == (False, True)


def test_a_new_organisation_posts_offers_but_does_not_search_the_cvtheque_by_default(db):
    organisation = PartnerOrganisation.objects.create(name="Intérim Flandres", kind=OrganisationKind.TEMPORARY_WORK)

    assert (organisation.can_post_offers, organisation.can_search_cvtheque) == (True, False)


def test_an_invalid_organisation_shows_field_errors_and_saves_nothing(login_as, organisation):
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    response = client.post(
        "/gestion/partenaires/nouveau/", {"name": organisation.name, "kind": "club", "contact_phone": "abc"}
    )

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "kind", "contact_phone"}
    assert 'class="errorlist"' in response.content.decode()
    assert PartnerOrganisation.objects.count() == 1


def test_the_organisation_page_lists_its_members_and_links_to_a_prefilled_invitation(login_as, organisation):
    client, _admin = login_as(Role.TERRITORY_ADMIN)
    PartnerMembershipFactory(organisation=organisation, user__first_name="Inès", user__last_name="Membre")
    PartnerMembershipFactory(user__first_name="Other", user__last_name="Org")

    page = client.get(f"/gestion/partenaires/{organisation.pk}/").content.decode()

    assert "Inès Membre" in page and "Other Org" not in page
    assert f"/gestion/equipe/inviter/?organisation={organisation.pk}" in page


def test_the_list_counts_members_and_candidates_in_a_fixed_number_of_queries(login_as, organisation, snapshot_queries):
    client, _admin = login_as(Role.TERRITORY_ADMIN)
    for _index in range(2):
        PartnerMembershipFactory(organisation=organisation)
        CandidateFactory(support_organisation=organisation)
    PartnerMembershipFactory(organisation=organisation, user__is_active=False)
    PartnerOrganisationFactory()

    with snapshot_queries():
        page = client.get("/gestion/partenaires/")

    counts = {o.name: (o.member_count, o.candidate_count) for o in page.context["organisations"]}
    assert counts["Mission locale des Flandres"] == (2, 2)


# Candidates choose their support


def test_a_candidate_chooses_the_organisation_that_supports_them_in_their_search(login_as, organisation):
    client, user = login_as(Role.CANDIDATE)
    CandidateFactory(user=user)

    page = client.get("/candidat/profil/recherche/").content.decode()
    assert "Structure qui vous accompagne" in page and "Mission locale des Flandres" in page
    client.post(
        "/candidat/profil/recherche/", {"occupation_1": "Aide-soignant", "support_organisation": organisation.pk}
    )
    assert Candidate.objects.get(user=user).support_organisation == organisation

    client.post("/candidat/profil/recherche/", {"occupation_1": "Aide-soignant", "support_organisation": ""})
    assert Candidate.objects.get(user=user).support_organisation is None  # optional


def test_an_agent_records_the_support_organisation_when_building_a_profile(login_as, organisation):
    client, _agent = login_as(Role.RECEPTION_AGENT)

    client.post("/gestion/candidats/nouveau/", assisted_form_data(**{"wishes-support_organisation": organisation.pk}))

    assert Candidate.objects.get(user__last_name="Vandenberghe").support_organisation == organisation


def test_the_api_reads_and_sets_the_support_organisation_and_the_export_names_it(login_as, organisation):
    client, user = login_as(Role.CANDIDATE)
    CandidateFactory(user=user)

    response = client.patch(
        "/api/candidat/profil/recherche/",
        {"occupation_1": "Aide-soignant", "support_organisation": organisation.pk},
        content_type="application/json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["support_organisation"] == organisation.pk
    archive = zipfile.ZipFile(io.BytesIO(client.get("/candidat/mes-donnees/export.zip").content))
    profile = json.loads(archive.read("donnees.json"))["profil"]
    assert profile["structure_accompagnement"] == "Mission locale des Flandres"


# The partner's space, scoped to its organisation


def test_a_partner_sees_only_its_organisation_s_candidates(partner, organisation):
    client, _user = partner
    mine = CandidateFactory(user__first_name="Inès", support_organisation=organisation)
    ApplicationFactory(candidate=mine)
    CandidateFactory(user__first_name="Zoé", support_organisation=PartnerOrganisationFactory())
    CandidateFactory(user__first_name="Marc")

    page = client.get("/partenaire/")

    assert [candidate.user.first_name for candidate in page.context["page"]] == ["Inès"]
    assert page.context["page"][0].application_count == 1


def test_the_candidate_card_shows_the_profile_and_applications_and_is_journaled(partner, organisation):
    client, user = partner
    candidate = CandidateFactory(user__first_name="Inès", support_organisation=organisation, hide_contact=True)
    ApplicationFactory(candidate=candidate, offer__title="Boulanger de nuit")

    page = client.get(f"/partenaire/candidats/{candidate.pk}/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "Boulanger de nuit" in html
    assert candidate.user.email in html  # the structure the person chose sees how to reach them
    assert AuditEntry.objects.filter(actor=user, action=AuditAction.VIEWED, target_id=str(candidate.pk)).exists()


def test_another_organisation_s_candidate_or_nobody_s_is_not_found(partner):
    client, _user = partner
    theirs = CandidateFactory(support_organisation=PartnerOrganisationFactory())
    nobodys = CandidateFactory()

    assert client.get(f"/partenaire/candidats/{theirs.pk}/").status_code == 404
    assert client.get(f"/partenaire/candidats/{nobodys.pk}/").status_code == 404


def test_a_partner_sees_and_manages_its_organisation_s_offers_only(partner, organisation):
    client, user = partner
    own = OfferFactory(title="Offre de Paul", created_by=user, source=OfferSource.PARTNER)
    colleague_s = OfferFactory(title="Offre d'une collègue", created_by=member_of(organisation))
    other_org_s = OfferFactory(title="Offre d'ailleurs", created_by=member_of(PartnerOrganisationFactory()))
    OfferFactory(title="Offre d'un employeur", created_by=UserFactory(role=Role.RECRUITER))

    page = client.get("/partenaire/offres/")

    assert sorted(offer.title for offer in page.context["page"]) == ["Offre d'une collègue", "Offre de Paul"]
    assert client.get(f"/employeur/offres/{own.pk}/").status_code == 200
    assert client.get(f"/employeur/offres/{colleague_s.pk}/").status_code == 200
    assert client.get(f"/employeur/offres/{other_org_s.pk}/").status_code == 404
    assert client.get(f"/employeur/candidatures/offre/{other_org_s.pk}/").status_code == 404


def test_the_partner_lists_run_a_fixed_number_of_queries(partner, organisation, snapshot_queries):
    client, user = partner
    for _index in range(3):
        candidate = CandidateFactory(support_organisation=organisation, occupations=["D1102"])
        ApplicationFactory(candidate=candidate, offer=OfferFactory(published=True, created_by=user))

    with snapshot_queries("_candidates"):
        assert client.get("/partenaire/").status_code == 200
    with snapshot_queries("_offers"):
        assert client.get("/partenaire/offres/").status_code == 200


def test_a_partner_not_attached_to_an_organisation_is_told_so_and_sees_nothing(login_as):
    client, _user = login_as(Role.PARTNER)
    candidate = CandidateFactory(support_organisation=PartnerOrganisationFactory())

    page = client.get("/partenaire/")

    assert page.status_code == 200
    assert "rattaché à aucune structure" in page.content.decode()
    assert client.get(f"/partenaire/candidats/{candidate.pk}/").status_code == 403
    assert client.get("/partenaire/offres/").status_code == 403
    assert client.get("/partenaire/statistiques/").status_code == 403


# Grants


def test_posting_offers_for_clients_needs_the_organisation_s_grant(partner, organisation):
    client, _user = partner
    employer = OfferFactory().employer
    organisation.can_post_offers = False
    organisation.save()

    assert client.get("/conseiller/offres/nouvelle/").status_code == 403
    assert client.post("/conseiller/offres/nouvelle/", {**offer_data(), "employer": employer.pk}).status_code == 403
    assert 'href="/conseiller/offres/nouvelle/"' not in client.get("/partenaire/").content.decode()  # nor in the menu

    organisation.can_post_offers = True
    organisation.save()
    assert client.get("/conseiller/offres/nouvelle/").status_code == 200
    assert 'href="/conseiller/offres/nouvelle/"' in client.get("/partenaire/").content.decode()


def test_the_cvtheque_needs_the_organisation_s_grant_on_the_pages_and_the_api(partner, organisation):
    client, user = partner
    visible = CandidateFactory(visible=True)

    for url in ("/cvtheque/", f"/cvtheque/candidats/{visible.pk}/", "/cvtheque/selection/", "/api/cvtheque/"):
        assert client.get(url).status_code == 403, url
    assert 'href="/cvtheque/"' not in client.get("/partenaire/").content.decode()  # nor in the menu

    own_offer = OfferFactory(published=True, created_by=user, source=OfferSource.PARTNER)
    follow = f"/employeur/candidatures/offre/{own_offer.pk}/alerte/"  # its e-mails show CVthèque cards
    assert client.post(follow).status_code == 403
    assert not CandidateAlert.objects.exists()

    organisation.can_search_cvtheque = True
    organisation.save()
    for url in ("/cvtheque/", f"/cvtheque/candidats/{visible.pk}/", "/cvtheque/selection/", "/api/cvtheque/"):
        assert client.get(url).status_code == 200, url
    assert client.post(follow).status_code == 302
    assert CandidateAlert.objects.filter(offer=own_offer).exists()
    assert 'href="/cvtheque/"' in client.get("/partenaire/").content.decode()


STAFF_PAGES = [
    "/conseiller/candidats/",
    "/conseiller/candidats/{candidate}/",
    "/conseiller/employeurs/",
    "/conseiller/recrutements/",
    "/conseiller/moderation/",
    "/gestion/candidats/",
    "/gestion/candidats/nouveau/",
    "/gestion/forums/",
    "/gestion/statistiques/",
    "/gestion/import/",
    "/gestion/journal/",
    "/gestion/portail/",
    "/gestion/equipe/",
    "/gestion/partenaires/",
    "/gestion/offres/{offer}/preselection/",
]


def test_a_partner_reaches_none_of_the_advisors_and_admins_pages(partner, organisation):
    client, user = partner
    ids = {
        "candidate": CandidateFactory(support_organisation=organisation).pk,
        "offer": OfferFactory(published=True, created_by=user).pk,
    }

    for page in STAFF_PAGES:
        assert client.get(page.format(**ids)).status_code == 403, page


# Statistics of the organisation's scope


@pytest.fixture
def october(organisation):
    """A small scope in October 2026: two candidates of the organisation, one of another, one of
    none; an offer of the organisation published in October, one in September, one of the other."""
    other = PartnerOrganisationFactory()
    ines, jules = (CandidateFactory(support_organisation=organisation) for _ in range(2))
    theirs, nobody = CandidateFactory(support_organisation=other), CandidateFactory()
    ours = OfferFactory(
        status=OfferStatus.PUBLISHED, published_at=at(datetime.date(2026, 10, 5)), created_by=member_of(organisation)
    )
    OfferFactory(
        status=OfferStatus.PUBLISHED, published_at=at(datetime.date(2026, 9, 20)), created_by=member_of(organisation)
    )
    OfferFactory(created_by=member_of(organisation))  # a draft
    their_offer = OfferFactory(published=True, created_by=member_of(other))
    employer_offer = OfferFactory(published=True)

    def application(candidate, offer, day):
        created = ApplicationFactory(candidate=candidate, offer=offer)
        Application.objects.filter(pk=created.pk).update(created_at=at(day))
        return created

    ines_employer = application(ines, employer_offer, datetime.date(2026, 10, 2))  # our candidate
    jules_ours = application(jules, ours, datetime.date(2026, 10, 10))  # both
    application(theirs, ours, datetime.date(2026, 10, 12))  # our offer
    application(nobody, their_offer, datetime.date(2026, 10, 12))  # neither
    ines_theirs = application(ines, their_offer, datetime.date(2026, 10, 31))  # our candidate, last day
    application(jules, employer_offer, datetime.date(2026, 9, 30))  # before the period

    def hire(offer, source, day, application=None):
        Hire.objects.create(offer=offer, application=application, source=source, hired_on=day)

    hire(ours, HireSource.PLATFORM, datetime.date(2026, 10, 20), jules_ours)  # both
    hire(employer_offer, HireSource.ADVISOR, datetime.date(2026, 10, 21), ines_employer)  # our candidate
    hire(ours, HireSource.ELSEWHERE, datetime.date(2026, 10, 22))  # our offer, recruited elsewhere
    hire(their_offer, HireSource.PLATFORM, datetime.date(2026, 10, 23))  # neither
    hire(their_offer, HireSource.PLATFORM, datetime.date(2026, 11, 2), ines_theirs)  # after the period


def test_the_figures_of_the_organisation_s_scope_are_exact(organisation, october, django_assert_num_queries):
    with django_assert_num_queries(4):
        figures = services.figures(organisation, datetime.date(2026, 10, 1), datetime.date(2026, 10, 31))

    assert figures.candidates == 2
    assert figures.candidate_applications == 3
    assert figures.candidate_hires == {HireSource.PLATFORM: 1, HireSource.ADVISOR: 1, HireSource.ELSEWHERE: 0}
    assert figures.offers_published == 1
    assert figures.offer_applications == 2
    assert figures.offer_hires == {HireSource.PLATFORM: 1, HireSource.ADVISOR: 0, HireSource.ELSEWHERE: 1}


def test_the_statistics_page_shows_the_period_s_figures(partner, october):
    client, _user = partner

    page = client.get("/partenaire/statistiques/", {"start": "2026-10-01", "end": "2026-10-31"})

    assert page.status_code == 200
    assert page.context["figures"].candidate_hires_total == 2
    assert "Candidat proposé par un conseiller" in page.content.decode()
    bad = client.get("/partenaire/statistiques/", {"start": "2026-10-31", "end": "2026-10-01"})
    assert bad.status_code == 400
    assert "La fin de la période doit suivre son début." in bad.content.decode()


# Who may do what

PARTNER_PAGES = [
    "/partenaire/",
    "/partenaire/candidats/{candidate}/",
    "/partenaire/offres/",
    "/partenaire/statistiques/",
]
ADMIN_PAGES = ["/gestion/partenaires/", "/gestion/partenaires/nouveau/", "/gestion/partenaires/{organisation}/"]


@pytest.fixture
def ids(organisation):
    return {
        "candidate": CandidateFactory(support_organisation=organisation).pk,
        "organisation": organisation.pk,
    }


@pytest.mark.parametrize(
    "role", [Role.CANDIDATE, Role.RECRUITER, Role.RECEPTION_AGENT, Role.ADVISOR, Role.TERRITORY_ADMIN]
)
def test_other_roles_cannot_open_the_partner_space(login_as, ids, role):
    client, _user = login_as(role)

    for page in PARTNER_PAGES:
        assert client.get(page.format(**ids)).status_code == 403, page


def test_a_partner_of_another_organisation_does_not_see_this_one_s_candidates(login_as, ids):
    client, user = login_as(Role.PARTNER)
    PartnerMembershipFactory(user=user)

    assert client.get(PARTNER_PAGES[1].format(**ids)).status_code == 404
    assert list(client.get("/partenaire/").context["page"]) == []


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.RECRUITER, Role.RECEPTION_AGENT, Role.ADVISOR, Role.PARTNER])
def test_lower_roles_cannot_read_or_change_the_organisations(login_as, ids, organisation, role):
    client, user = login_as(role)
    if role == Role.PARTNER:
        PartnerMembershipFactory(user=user, organisation=organisation)

    for page in ADMIN_PAGES:
        assert client.get(page.format(**ids)).status_code == 403, page
    changed = {"name": "Renommée", "kind": OrganisationKind.OTHER, "can_search_cvtheque": "on"}
    assert client.post(f"/gestion/partenaires/{organisation.pk}/", changed).status_code == 403
    assert client.post("/gestion/partenaires/nouveau/", changed).status_code == 403
    organisation.refresh_from_db()
    assert (organisation.name, organisation.can_search_cvtheque) == ("Mission locale des Flandres", False)
    assert PartnerOrganisation.objects.count() == 1


def test_anonymous_visitors_and_other_territories_are_sent_to_log_in(portal_client, login_as, other_territory, ids):
    elsewhere = []
    for role in (Role.TERRITORY_ADMIN, Role.PARTNER):
        client, _user = login_as(role, on=other_territory)
        client.defaults["HTTP_HOST"] = "test.localhost"
        elsewhere.append(client)

    for client in (portal_client, *elsewhere):
        for page in PARTNER_PAGES + ADMIN_PAGES:
            assert client.get(page.format(**ids)).status_code == 302, page
        assert client.post("/gestion/partenaires/nouveau/", {"name": "X", "kind": "other"}).status_code == 302
    assert PartnerOrganisation.objects.count() == 1


def test_the_demo_partner_works_for_a_mission_locale_that_some_candidates_chose(territory):
    partner = UserFactory(role=Role.PARTNER, email="partner@hauts-de-flandre.example.org")
    populate_candidates(territory, 10)

    attach_demo_partner()
    attach_demo_partner()  # seeding twice changes nothing

    organisation = services.organisation_of(partner)
    assert organisation.name == "Mission locale des Flandres"
    assert services.candidates_of(organisation).count() == 2
