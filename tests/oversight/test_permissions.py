"""Who reaches the supervision pages and the console's grants page."""

import pytest
from django_tenants.utils import schema_context

from tenant_apps.accounts.enums import Role
from tests.accounts.factories import UserFactory
from tests.conftest import PROVIDER_DOMAIN
from tests.provider.conftest import ProviderClient

SUPERVISION_PAGES = ["/supervision/", "/supervision/export.csv", "/supervision/offres.csv", "/supervision/carte.json"]
CONSOLE_PAGE = "/console/supervision/"


def test_a_cross_territory_admin_opens_the_supervision_pages(supervision):
    for url in SUPERVISION_PAGES:
        assert supervision.get(url).status_code == 200, url


def test_anonymous_visitors_are_sent_to_the_login_page(provider_client):
    for url in [*SUPERVISION_PAGES, CONSOLE_PAGE]:
        response = provider_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"/connexion/?next={url[:8]}")
    assert provider_client.post("/console/supervision/accorder/", {"department": "59"}).status_code == 302


def test_provider_staff_manage_grants_but_do_not_read_the_supervision_pages(console):
    assert console.get(CONSOLE_PAGE).status_code == 200
    for url in SUPERVISION_PAGES:
        assert console.get(url).status_code == 403, url


def test_a_cross_territory_admin_cannot_manage_grants(supervision, supervisor):
    assert supervision.get(CONSOLE_PAGE).status_code == 403
    response = supervision.post("/console/supervision/accorder/", {"user": supervisor.pk, "department": "59"})
    assert response.status_code == 403
    assert not supervisor.oversight_grants.exists()


@pytest.mark.parametrize("role", [Role.TERRITORY_ADMIN, Role.ADVISOR, Role.CANDIDATE])
def test_a_territory_s_session_is_worthless_on_the_provider_site(login_as, role):
    client, _user = login_as(role)

    for url in [*SUPERVISION_PAGES, CONSOLE_PAGE]:
        response = client.get(url, HTTP_HOST=PROVIDER_DOMAIN)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/connexion/")


def test_the_supervision_pages_do_not_exist_on_a_portal(login_as, portal_client):
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    for url in SUPERVISION_PAGES:
        assert portal_client.get(url).status_code == 404, url
        assert client.get(url).status_code == 404, url


def test_the_admin_must_give_its_second_factor_first(db):
    with schema_context("public"):
        user = UserFactory(role=Role.CROSS_TERRITORY_ADMIN)
        client = ProviderClient(HTTP_HOST=PROVIDER_DOMAIN)
        client.force_login(user)  # a password, no code yet

    response = client.get("/supervision/")

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/")


def test_the_provider_site_s_home_leads_the_admin_to_its_supervision(supervision):
    assert 'href="/supervision/"' in supervision.get("/").content.decode()
