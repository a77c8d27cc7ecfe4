"""A user is deleted with what points at them among the tables of their own schema: a
provider staff member in the public schema, where the territories' tables do not exist,
as a territory's user in its schema."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import schema_context

from shared_apps.provider.enums import ConsoleAction
from shared_apps.provider.services import record
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.alerts.models import Alert
from tests.accounts.factories import DEFAULT_PASSWORD, TOTPDeviceFactory, UserFactory, verify_second_factor


@pytest.fixture
def admin_client(db, provider_client):
    with schema_context("public"):
        staff = User.objects.create_superuser("equipe@emploi-local.fr", DEFAULT_PASSWORD)
        provider_client.force_login(staff)
        verify_second_factor(provider_client, staff)
    return provider_client


def a_colleague(email="partie@emploi-local.fr"):
    with schema_context("public"):
        colleague = User.objects.create_user(email, DEFAULT_PASSWORD, role=Role.PROVIDER_STAFF)
        TOTPDeviceFactory(user=colleague)
    return colleague


def test_provider_staff_delete_a_colleague_who_left_from_the_admin(admin_client):
    colleague = a_colleague()
    page = f"/admin/accounts/user/{colleague.pk}/delete/"

    confirmation = admin_client.get(page)
    response = admin_client.post(page, {"post": "yes"})

    assert confirmation.status_code == 200 and "partie@emploi-local.fr" in confirmation.content.decode()
    assert response.status_code == 302
    with schema_context("public"):
        assert not User.objects.filter(pk=colleague.pk).exists()
        assert not TOTPDevice.objects.filter(user_id=colleague.pk).exists()  # their second factor with them


def test_the_admin_s_bulk_deletion_works_in_the_public_schema_too(admin_client):
    colleagues = [a_colleague(f"partie{n}@emploi-local.fr") for n in range(2)]

    response = admin_client.post(
        "/admin/accounts/user/",
        {"action": "delete_selected", "_selected_action": [c.pk for c in colleagues], "post": "yes"},
    )

    assert response.status_code == 302
    with schema_context("public"):
        assert not User.objects.filter(pk__in=[c.pk for c in colleagues]).exists()


def test_someone_who_acted_in_the_console_is_kept_for_its_journal(admin_client):
    colleague = a_colleague()
    with schema_context("public"):
        record(colleague, ConsoleAction.SUSPEND)
    page = f"/admin/accounts/user/{colleague.pk}/delete/"

    confirmation = admin_client.get(page).content.decode()
    admin_client.post(page, {"post": "yes"})

    assert "Impossible de supprimer" in confirmation and "Suspension" in confirmation
    with schema_context("public"):
        assert User.objects.filter(pk=colleague.pk).exists()


def test_a_territory_s_user_is_deleted_with_what_points_at_them_there(territory):
    user = UserFactory(role=Role.CANDIDATE)
    Alert.objects.create(email=user.email, user=user)

    user.delete()

    assert not Alert.objects.filter(email=user.email).exists()
