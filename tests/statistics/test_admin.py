import pytest

from tenant_apps.accounts.enums import Role

pytestmark = pytest.mark.django_db


def test_a_portal_admin_shows_its_own_figures_but_not_every_territory_s(login_as):
    client, _staff = login_as(Role.TERRITORY_ADMIN, is_staff=True, is_superuser=True)

    index = client.get("/admin/").content.decode()

    assert "/admin/statistics/dailyfigure/" in index
    assert client.get("/admin/statistics/dailyfigure/").status_code == 200
    assert "/admin/territory_figures/" not in index
    assert client.get("/admin/territory_figures/territorydailyfigure/").status_code == 403
