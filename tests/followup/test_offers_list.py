"""Advisors list and export the territory's offers, filtered, with their applications and hires."""

import datetime

import pytest
from django.utils import timezone

from shared_apps.referentials.models import Commune
from tenant_apps.accounts.enums import Role
from tenant_apps.applications.enums import HireSource
from tenant_apps.applications.services import record_hire
from tenant_apps.offers.enums import ContractType, OfferSource, OfferStatus
from tests.applications.factories import ApplicationFactory
from tests.employers.factories import EmployerFactory
from tests.followup.test_followup import HONDSCHOOTE, csv_rows
from tests.offers.factories import OfferFactory

DAY = datetime.datetime(2026, 10, 15, 10, tzinfo=datetime.UTC)


@pytest.fixture
def offers():
    """A bakery's published offer with two applications (one hired), a need an advisor
    collected in Hondschoote, and a partner's draft."""
    bakery = EmployerFactory(name="Boulangerie Dewaele")
    bread = OfferFactory(employer=bakery, title="Boulanger", published=True, published_at=DAY)
    hired = ApplicationFactory(offer=bread)
    ApplicationFactory(offer=bread)
    record_hire(bread, by=None, source=HireSource.PLATFORM, application=hired)
    need = OfferFactory(
        employer=EmployerFactory(name="Ferme du Houtland"),
        title="Ouvrier agricole",
        contract_type=ContractType.SEASONAL,
        source=OfferSource.ADVISOR,
        commune=Commune.objects.get(insee=HONDSCHOOTE),
        published=True,
        published_at=DAY + datetime.timedelta(days=20),
    )
    draft = OfferFactory(employer=bakery, title="Vendeur", source=OfferSource.PARTNER)
    return bread, need, draft


def test_the_filters_narrow_the_offers(advisor, offers):
    client, _me = advisor

    def titles(**query):
        page = client.get("/conseiller/offres/", query)
        assert page.status_code == 200
        return [offer.title for offer in page.context["page"]]

    # Published first, the latest first; the draft, never published, last.
    assert titles() == ["Ouvrier agricole", "Boulanger", "Vendeur"]
    assert titles(etat=OfferStatus.DRAFT) == ["Vendeur"]
    assert titles(employeur="dewaele") == ["Boulanger", "Vendeur"]
    assert titles(commune="Hondschoote") == ["Ouvrier agricole"]
    assert titles(contrat=ContractType.SEASONAL) == ["Ouvrier agricole"]
    assert titles(origine=OfferSource.ADVISOR) == ["Ouvrier agricole"]
    assert titles(origine=OfferSource.PARTNER) == ["Vendeur"]
    assert titles(publiee_depuis="2026-10-20") == ["Ouvrier agricole"]
    assert titles(publiee_jusqu_au="2026-10-15") == ["Boulanger"]
    assert titles(publiee_depuis="2026-10-15", publiee_jusqu_au="2026-11-04") == ["Ouvrier agricole", "Boulanger"]
    assert titles(commune="Commune qui n'existe pas") == []


def test_bad_filters_are_field_errors_and_list_nothing(advisor, offers):
    client, _me = advisor

    unknown = client.get("/conseiller/offres/", {"etat": "perdue"})
    reversed_dates = client.get(
        "/conseiller/offres/", {"publiee_depuis": "2026-11-01", "publiee_jusqu_au": "2026-10-01"}
    )
    export = client.get("/conseiller/offres/export.csv", {"publiee_depuis": "pas une date"})

    assert "etat" in unknown.context["form"].errors and list(unknown.context["page"]) == []
    assert reversed_dates.context["form"].errors == {
        "publiee_jusqu_au": ["La fin de la période doit suivre son début."]
    }
    assert csv_rows(export)[1:] == []  # a typo never exports the whole territory


def test_each_row_counts_applications_and_hires_and_links_to_the_offer(advisor, offers):
    client, _me = advisor
    bread, _need, _draft = offers

    page = client.get("/conseiller/offres/", {"employeur": "dewaele"})

    [row] = [offer for offer in page.context["page"] if offer.pk == bread.pk]
    assert (row.applications_count, row.hires_count) == (2, 1)
    assert f'href="/employeur/offres/{bread.pk}/"' in page.content.decode()
    assert client.get(f"/employeur/offres/{bread.pk}/").status_code == 200


def test_the_filtered_offers_export_as_csv(advisor, offers):
    client, _me = advisor

    header, *rows = csv_rows(client.get("/conseiller/offres/export.csv", {"employeur": "dewaele"}))

    assert header == [
        "Offre",
        "Employeur",
        "Commune",
        "Type de contrat",
        "Origine",
        "État",
        "Publiée le",
        "Candidatures",
        "Recrutements",
    ]
    assert rows == [
        [
            "Boulanger",
            "Boulangerie Dewaele",
            "Wormhout",
            "CDI",
            "Publiée par l'employeur",
            "Pourvue",  # its only position is filled
            "2026-10-15",
            "2",
            "1",
        ],
        ["Vendeur", "Boulangerie Dewaele", "Wormhout", "CDI", "Publiée par un partenaire", "Brouillon", "", "0", "0"],
    ]


def test_the_offers_page_runs_a_fixed_number_of_queries(advisor, offers, snapshot_queries):
    client, _me = advisor
    for _index in range(3):
        ApplicationFactory(offer=OfferFactory(published=True, published_at=timezone.now()))

    with snapshot_queries():
        assert client.get("/conseiller/offres/").status_code == 200


def test_anonymous_visitors_are_sent_to_the_login_page(portal_client):
    for page in ["/conseiller/offres/", "/conseiller/offres/export.csv"]:
        response = portal_client.get(page)
        assert response.status_code == 302 and "/connexion/" in response["Location"], page


def test_another_territory_sees_none_of_these_offers(login_as, other_territory, offers):
    advisor, _user = login_as(Role.ADVISOR, on=other_territory)

    assert list(advisor.get("/conseiller/offres/").context["page"]) == []
    assert csv_rows(advisor.get("/conseiller/offres/export.csv"))[1:] == []
