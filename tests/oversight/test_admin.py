"""Grants in the provider site's Django admin; never in a portal's."""

from html import unescape

import pytest
from django_tenants.utils import schema_context

from shared_apps.oversight.models import OversightGrant
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory, verify_second_factor
from tests.oversight.factories import OversightGrantFactory


@pytest.fixture
def staff_client(provider_client):
    with schema_context("public"):  # the test client logs in within the current schema
        staff = User.objects.create_superuser("equipe@emploi-local.fr", DEFAULT_PASSWORD)
        provider_client.force_login(staff)
        verify_second_factor(provider_client, staff)
    return provider_client


@pytest.fixture
def admin_account(db):
    with schema_context("public"):
        return UserFactory(role=Role.CROSS_TERRITORY_ADMIN, email="region@hauts-de-france.example.org")


def test_staff_list_and_give_grants_in_the_admin(staff_client, admin_account, territory):
    with schema_context("public"):
        OversightGrantFactory(user=admin_account, department="59")

    listing = unescape(staff_client.get("/admin/oversight/oversightgrant/").content.decode())
    added = staff_client.post(
        "/admin/oversight/oversightgrant/add/", {"user": admin_account.pk, "territory": territory.pk, "department": ""}
    )

    assert "region@hauts-de-france.example.org" in listing
    assert added.status_code == 302
    with schema_context("public"):
        grant = OversightGrant.objects.get(territory=territory)
        assert grant.granted_by == "equipe@emploi-local.fr"


def test_the_admin_refuses_a_grant_of_both_or_neither(staff_client, admin_account, territory):
    response = staff_client.post(
        "/admin/oversight/oversightgrant/add/",
        {"user": admin_account.pk, "territory": territory.pk, "department": "59"},
    )

    assert response.status_code == 200  # the form again
    with schema_context("public"):
        assert not OversightGrant.objects.exists()


def test_a_portal_admin_does_not_see_grants(login_as):
    client, _staff = login_as(Role.TERRITORY_ADMIN, is_staff=True, is_superuser=True)

    assert "/admin/oversight/" not in client.get("/admin/").content.decode()
    assert client.get("/admin/oversight/oversightgrant/").status_code == 403
