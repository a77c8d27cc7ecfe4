"""The provider console: provider staff only; the territories with their state and figures."""

import datetime
from html import unescape

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from shared_apps.billing.enums import SubscriptionStatus
from tenant_apps.accounts.enums import Role
from tenant_apps.statistics.enums import Metric
from tenants.models import Territory
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.billing.factories import PlanFactory, SubscriptionFactory
from tests.conftest import PROVIDER_DOMAIN
from tests.provider.conftest import public_client
from tests.provider.factories import ConsoleAuditEntryFactory
from tests.statistics.factories import TerritoryDailyFigureFactory

CONSOLE_PAGES = ["/console/", "/console/territoires/nouveau/", "/console/journal/", "/console/epci/?q=flandre"]


def territory_pages(territory):
    return [f"/console/territoires/{territory.pk}/"]


def console_posts(territory):
    return [
        (f"/console/territoires/{territory.pk}/domaines/", {"domain": "emploi.cchf.fr"}),
        (f"/console/territoires/{territory.pk}/suspendre/", {"suspension-reason": "Impayé"}),
        (f"/console/territoires/{territory.pk}/support/", {"support-reason": "Ticket 1"}),
    ]


def test_provider_staff_open_every_console_page(console, territory):
    for url in [*CONSOLE_PAGES, *territory_pages(territory)]:
        assert console.get(url).status_code == 200, url


def test_anonymous_visitors_are_sent_to_the_login_page(provider_client, territory):
    for url in [*CONSOLE_PAGES, *territory_pages(territory)]:
        response = provider_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/connexion/?next=/console/")
    for url, data in console_posts(territory):
        assert provider_client.post(url, data).status_code == 302
    assert not territory.domains.filter(domain="emploi.cchf.fr").exists()


def test_a_cross_territory_admin_is_refused(db, territory):
    client, _admin = public_client(Role.CROSS_TERRITORY_ADMIN, "multi@emploi-local.fr")

    for url in [*CONSOLE_PAGES, *territory_pages(territory)]:
        assert client.get(url).status_code == 403, url
    for url, data in console_posts(territory):
        assert client.post(url, data).status_code == 403, url
    territory.refresh_from_db()
    assert not territory.is_suspended


def test_a_territory_admin_s_credentials_do_not_work_on_the_provider_site(login_as, provider_client):
    UserFactory(email="admin-territoire@example.org", role=Role.TERRITORY_ADMIN)  # in the territory's schema

    login = provider_client.post(
        "/connexion/", {"username": "admin-territoire@example.org", "password": DEFAULT_PASSWORD}
    )

    assert login.status_code == 200  # the form again: no such user in the public schema
    assert provider_client.get("/console/").status_code == 302


def test_a_territory_session_is_worthless_on_the_provider_site(login_as):
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    response = client.get("/console/", HTTP_HOST=PROVIDER_DOMAIN)

    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


def test_the_console_does_not_exist_on_a_portal(login_as, portal_client):
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    assert portal_client.get("/console/").status_code == 404
    assert client.get("/console/").status_code == 404


# --- The territories' list ------------------------------------------------------------------


@pytest.fixture
def figures(territory, other_territory):
    today = timezone.localdate()
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    for day in {today.replace(day=1), today}:
        TerritoryDailyFigureFactory(territory=territory, date=day, metric=Metric.OFFERS_PUBLISHED, value=3)
        TerritoryDailyFigureFactory(territory=territory, date=day, metric=Metric.HIRES, value=1)
    TerritoryDailyFigureFactory(
        territory=territory, date=today.replace(day=1), metric=Metric.ACTIVE_CANDIDATES, value=42
    )
    TerritoryDailyFigureFactory(territory=territory, date=last_month, metric=Metric.HIRES, value=100)
    TerritoryDailyFigureFactory(territory=other_territory, date=today, metric=Metric.HIRES, value=7)


def row_of(response, territory):
    return next(row for row in response.context["territories"] if row.pk == territory.pk)


def test_the_list_shows_each_territory_s_state_subscription_and_this_month_s_figures(
    console, territory, other_territory, figures
):
    plan = PlanFactory(name="De 20 001 à 100 000 habitants")
    SubscriptionFactory(territory=territory, plan=plan, status=SubscriptionStatus.PAST_DUE)

    response = console.get("/console/")

    row = row_of(response, territory)
    same_days = 1 if timezone.localdate().day == 1 else 2
    assert row.month == {
        Metric.OFFERS_PUBLISHED: 3 * same_days,
        Metric.ACTIVE_CANDIDATES: 42,
        Metric.HIRES: 1 * same_days,  # last month's hundred left out
    }
    assert row_of(response, other_territory).month[Metric.HIRES] == 7
    page = unescape(response.content.decode())
    assert "test.localhost" in page
    assert "De 20 001 à 100 000 habitants" in page
    assert "Paiement en retard" in page
    assert "Sans abonnement" in page  # the other territory


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ({"q": "hauts de"}, ["CC des Hauts de Flandre"]),
        ({"q": "200040947"}, ["CA Coeur de Flandre"]),
        ({"q": "OTHER.local"}, ["CA Coeur de Flandre"]),
        ({"subscription": "none"}, ["CA Coeur de Flandre"]),
        ({"subscription": "active"}, ["CC des Hauts de Flandre"]),
        ({"state": "suspended"}, ["CA Coeur de Flandre"]),
        ({"state": "trial"}, ["CC des Hauts de Flandre"]),
    ],
)
def test_the_list_is_searched_and_filtered(console, territory, other_territory, query, found):
    SubscriptionFactory(territory=territory, status=SubscriptionStatus.ACTIVE)
    Territory.objects.filter(pk=other_territory.pk).update(suspended_at=timezone.now())

    response = console.get("/console/", query)

    assert [row.name for row in response.context["territories"]] == found


def test_the_list_is_filtered_by_plan(console, territory, other_territory):
    small, large = PlanFactory(code="petit"), PlanFactory(code="grand")
    SubscriptionFactory(territory=territory, plan=small)
    SubscriptionFactory(territory=other_territory, plan=large)

    response = console.get("/console/", {"plan": small.pk})

    assert [row.pk for row in response.context["territories"]] == [territory.pk]


def test_the_list_runs_a_fixed_number_of_queries(console, territory, other_territory, figures, snapshot_queries):
    SubscriptionFactory(territory=territory)
    console.get("/console/")  # warm the session and the content types

    with snapshot_queries():
        response = console.get("/console/")

    assert len(response.context["territories"]) == 2


# --- The EPCI suggestions and the console's log ---------------------------------------------------


def test_the_epci_suggestions_find_a_name_or_a_siren(console):
    by_name = console.get("/console/epci/", {"q": "hauts de fland"}).json()["results"]
    by_siren = console.get("/console/epci/", {"q": "20004095"}).json()["results"]

    assert {"label": "CC des Hauts de Flandre (200040954)", "siren": "200040954"} in by_name
    assert "200040954" in [item["siren"] for item in by_siren]
    assert console.get("/console/epci/", {"q": "h"}).json() == {"results": []}


def test_the_console_log_lists_every_action(console, staff, territory, snapshot_queries):
    with schema_context("public"):
        for _n in range(3):
            ConsoleAuditEntryFactory(actor=staff, territory=territory)

    with snapshot_queries():
        page = unescape(console.get("/console/journal/").content.decode())

    assert page.count("Ajout d'un domaine") == 3
    assert "equipe@emploi-local.fr" in page
