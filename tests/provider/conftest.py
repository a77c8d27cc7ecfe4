import pytest
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from tenant_apps.accounts.enums import Role
from tests.accounts.factories import UserFactory, verify_second_factor
from tests.conftest import PROVIDER_DOMAIN


class ProviderClient(Client):
    """A request to the provider host leaves the connection in the public schema: the test
    goes on in the schema it was in (the test territory's), as a real process would."""

    def request(self, **request):
        tenant = connection.tenant
        try:
            return super().request(**request)
        finally:
            connection.set_tenant(tenant)


def public_client(role: Role, email: str):
    """A client of the provider site logged in (second factor given) as a public-schema user."""
    with schema_context("public"):
        user = UserFactory(role=role, email=email)
        client = ProviderClient(HTTP_HOST=PROVIDER_DOMAIN)
        client.force_login(user)
        verify_second_factor(client, user)
    return client, user


@pytest.fixture
def staff_console(db):
    """Provider staff on the console: (client, user)."""
    return public_client(Role.PROVIDER_STAFF, "equipe@emploi-local.fr")


@pytest.fixture
def console(staff_console):
    return staff_console[0]


@pytest.fixture
def staff(staff_console):
    return staff_console[1]
