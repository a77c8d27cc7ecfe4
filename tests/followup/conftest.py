import pytest

from tenant_apps.accounts.enums import Role


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def advisor(login_as):
    return login_as(Role.ADVISOR, first_name="Claire", last_name="Vanhove")
