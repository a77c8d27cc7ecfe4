"""Provider staff live in the public schema and work in the Django admin of the provider site."""

import pytest
from django_tenants.utils import schema_context

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tests.accounts.factories import DEFAULT_PASSWORD, TOTPDeviceFactory, UserFactory, totp, verify_second_factor


@pytest.fixture
def provider_staff(db):
    with schema_context("public"):
        return User.objects.create_superuser("equipe@emploi-local.fr", DEFAULT_PASSWORD)


def test_provider_staff_see_the_territories_in_the_admin(provider_staff, provider_client):
    assert provider_staff.role == Role.PROVIDER_STAFF
    with schema_context("public"):
        device = TOTPDeviceFactory(user=provider_staff)
    provider_client.post("/connexion/", {"username": "equipe@emploi-local.fr", "password": DEFAULT_PASSWORD})
    provider_client.post("/compte/verification/", {"code": totp(device)})  # the admin wants the second factor

    response = provider_client.get("/admin/tenants/territory/")

    assert response.status_code == 200
    assert "CC des Hauts de Flandre" in response.content.decode()


def test_a_territory_user_cannot_log_into_the_provider_admin(territory, provider_client):
    UserFactory(email="admin@test.example.org-x", role=Role.TERRITORY_ADMIN, is_staff=True, is_superuser=True)

    response = provider_client.post(
        "/connexion/?next=/admin/", {"username": "admin@test.example.org-x", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 200  # the form again: no such user in the public schema
    assert provider_client.get("/admin/").status_code == 302


def test_a_portal_admin_shows_that_territory_s_models_and_not_the_territories(login_as):
    client, _staff = login_as(Role.TERRITORY_ADMIN, is_staff=True, is_superuser=True)

    index = client.get("/admin/").content.decode()

    assert "/admin/employers/employer/" in index
    assert "/admin/tenants/territory/" not in index
    assert client.get("/admin/tenants/territory/").status_code == 403


def test_the_provider_admin_does_not_list_territory_models(provider_staff, provider_client):
    with schema_context("public"):
        provider_client.force_login(provider_staff)
        verify_second_factor(provider_client, provider_staff)

    assert "/admin/employers/" not in provider_client.get("/admin/").content.decode()
    assert provider_client.get("/admin/employers/employer/").status_code == 403


def test_a_portal_user_without_staff_access_is_kept_out_of_the_admin(login_as):
    client, _user = login_as(Role.TERRITORY_ADMIN)

    assert client.get("/admin/").status_code == 302


def test_reference_data_is_read_only_in_the_admin(provider_staff, provider_client):
    with schema_context("public"):  # the test client logs in within the current schema
        provider_client.force_login(provider_staff)
        verify_second_factor(provider_client, provider_staff)

    assert provider_client.get("/admin/referentials/commune/59183/change/").status_code == 200
    assert provider_client.get("/admin/referentials/commune/add/").status_code == 403
