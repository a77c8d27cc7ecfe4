import pytest

from tenant_apps.accounts.enums import Role
from tests.provider.conftest import console, public_client, staff, staff_console  # noqa: F401 - the console's fixtures


@pytest.fixture
def supervisor_session(db):
    """A cross-territory admin on the provider site, second factor given: (client, user)."""
    return public_client(Role.CROSS_TERRITORY_ADMIN, "departement@nord.example.org")


@pytest.fixture
def supervision(supervisor_session):
    return supervisor_session[0]


@pytest.fixture
def supervisor(supervisor_session):
    return supervisor_session[1]
