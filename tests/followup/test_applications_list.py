"""Advisors list and export the territory's applications, filtered; an erased candidate's
applications stay, anonymous."""

import datetime

import pytest

from tenant_apps.accounts.enums import Role
from tenant_apps.applications.enums import ApplicationStatus
from tenant_apps.applications.models import Application
from tenant_apps.candidates.privacy import erase
from tenant_apps.proposals.enums import ProposalStatus
from tenant_apps.proposals.models import Proposal
from tests.accounts.factories import UserFactory
from tests.applications.factories import ApplicationFactory
from tests.employers.factories import EmployerFactory
from tests.followup.test_followup import csv_rows
from tests.offers.factories import OfferFactory

DAY = datetime.datetime(2026, 10, 15, 10, tzinfo=datetime.UTC)
PAGES = ["/conseiller/candidatures/", "/conseiller/candidatures/export.csv"]


@pytest.fixture
def applications():
    """Inès applied to the bakery herself; Paul was proposed there by an advisor and is
    shortlisted; an agent applied to the farm for Zoé, who later erased her account."""
    bakery = OfferFactory(employer=EmployerFactory(name="Boulangerie Dewaele"), title="Boulanger", published=True)
    farm = OfferFactory(employer=EmployerFactory(name="Ferme du Houtland"), title="Ouvrier agricole", published=True)
    advisor = UserFactory(role=Role.ADVISOR)
    ines = ApplicationFactory(offer=bakery, candidate__user__first_name="Inès", candidate__user__last_name="Leclère")
    paul = ApplicationFactory(
        offer=bakery,
        candidate__user__first_name="Paul",
        candidate__user__last_name="Dumont",
        status=ApplicationStatus.SHORTLISTED,
    )
    Proposal.objects.create(
        offer=bakery, candidate=paul.candidate, proposed_by=advisor, status=ProposalStatus.ACCEPTED, application=paul
    )
    zoe = ApplicationFactory(offer=farm, candidate__user__first_name="Zoé", on_behalf_by=advisor)
    for days, application in enumerate([ines, paul, zoe]):
        Application.objects.filter(pk=application.pk).update(created_at=DAY + datetime.timedelta(days=10 * days))
    erase(zoe.candidate)
    return ines, paul, zoe


def test_the_filters_narrow_the_applications(advisor, applications):
    client, _me = advisor
    ines, paul, zoe = applications

    def rows(**query):
        page = client.get("/conseiller/candidatures/", query)
        assert page.status_code == 200
        return [application.pk for application in page.context["page"]]

    assert rows() == [zoe.pk, paul.pk, ines.pk]  # the latest first
    assert rows(etat=ApplicationStatus.SHORTLISTED) == [paul.pk]
    assert rows(offre="agricole") == [zoe.pk]
    assert rows(offre="dewaele") == [paul.pk, ines.pk]
    assert rows(candidat="ines") == [ines.pk]
    assert rows(candidat="zoe") == []  # erased: no name left to match
    assert rows(origine="candidat") == [ines.pk]
    assert rows(origine="proposition") == [paul.pk]
    assert rows(origine="pour_le_candidat") == [zoe.pk]
    assert rows(depuis="2026-10-26") == [zoe.pk]
    assert rows(jusqu_au="2026-10-15") == [ines.pk]
    assert rows(depuis="2026-10-16", jusqu_au="2026-11-30") == [zoe.pk, paul.pk]


def test_bad_filters_are_field_errors_and_list_nothing(advisor, applications):
    client, _me = advisor

    unknown = client.get(PAGES[0], {"origine": "inconnue"})
    reversed_dates = client.get(PAGES[0], {"depuis": "2026-11-01", "jusqu_au": "2026-10-01"})

    assert "origine" in unknown.context["form"].errors and list(unknown.context["page"]) == []
    assert reversed_dates.context["form"].errors == {"jusqu_au": ["La fin de la période doit suivre son début."]}
    assert csv_rows(client.get(PAGES[1], {"depuis": "2026-11-01", "jusqu_au": "2026-10-01"}))[1:] == []


def test_an_erased_candidate_is_shown_anonymous(advisor, applications):
    client, _me = advisor

    content = client.get("/conseiller/candidatures/", {"origine": "pour_le_candidat"}).content.decode()

    assert "Candidat supprimé" in content and "Zoé" not in content


def test_the_filtered_applications_export_as_csv(advisor, applications):
    client, _me = advisor
    _ines, paul, zoe = applications

    header, *rows = csv_rows(client.get("/conseiller/candidatures/export.csv", {"depuis": "2026-10-20"}))

    assert header == ["Nom", "Prénom", "Offre", "Employeur", "Origine", "État", "Envoyée le", "Modifiée le"]
    today = zoe.updated_at.date().isoformat()
    assert rows == [
        [
            "Candidat supprimé",
            "",
            "Ouvrier agricole",
            "Ferme du Houtland",
            "Envoyée pour le candidat",
            "Envoyée",
            "2026-11-04",
            today,
        ],
        [
            "Dumont",
            "Paul",
            "Boulanger",
            "Boulangerie Dewaele",
            "Proposée par un conseiller",
            "Présélectionnée",
            "2026-10-25",
            paul.updated_at.date().isoformat(),
        ],
    ]


def test_the_applications_page_runs_a_fixed_number_of_queries(advisor, applications, snapshot_queries):
    client, _me = advisor
    for _index in range(3):
        ApplicationFactory()

    with snapshot_queries():
        assert client.get("/conseiller/candidatures/").status_code == 200


def test_anonymous_visitors_are_sent_to_the_login_page(portal_client):
    for page in PAGES:
        response = portal_client.get(page)
        assert response.status_code == 302 and "/connexion/" in response["Location"], page


def test_another_territory_sees_none_of_these_applications(login_as, other_territory, applications):
    advisor, _user = login_as(Role.ADVISOR, on=other_territory)

    assert list(advisor.get(PAGES[0]).context["page"]) == []
    assert csv_rows(advisor.get(PAGES[1]))[1:] == []
