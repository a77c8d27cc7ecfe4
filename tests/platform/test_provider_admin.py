"""Provider staff live in the public schema and work in the Django admin of the provider site."""

import pytest
from django_tenants.utils import schema_context

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory


@pytest.fixture
def provider_staff(db):
    with schema_context("public"):
        return User.objects.create_superuser("equipe@emploi-local.fr", DEFAULT_PASSWORD)


def test_provider_staff_see_the_territories_in_the_admin(provider_staff, provider_client):
    assert provider_staff.role == Role.PROVIDER_STAFF
    provider_client.post("/admin/login/", {"username": "equipe@emploi-local.fr", "password": DEFAULT_PASSWORD})

    response = provider_client.get("/admin/tenants/territory/")

    assert response.status_code == 200
    assert "CC des Hauts de Flandre" in response.content.decode()


def test_a_territory_user_cannot_log_into_the_provider_admin(territory, provider_client):
    UserFactory(email="admin@test.example.org-x", role=Role.TERRITORY_ADMIN, is_staff=True, is_superuser=True)

    response = provider_client.post(
        "/admin/login/?next=/admin/", {"username": "admin@test.example.org-x", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 200  # the form again: no such user in the public schema
    assert provider_client.get("/admin/").status_code == 302


def test_the_admin_is_not_served_on_a_portal(portal_client):
    assert portal_client.get("/admin/").status_code == 404


def test_reference_data_is_read_only_in_the_admin(provider_staff, provider_client):
    with schema_context("public"):  # the test client logs in within the current schema
        provider_client.force_login(provider_staff)

    assert provider_client.get("/admin/referentials/commune/59183/change/").status_code == 200
    assert provider_client.get("/admin/referentials/commune/add/").status_code == 403
