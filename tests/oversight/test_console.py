"""Provider staff give and withdraw cross-territory admins' grants from the console, journaled."""

from html import unescape

import pytest
from django_tenants.utils import schema_context

from shared_apps.oversight.models import OversightGrant
from shared_apps.provider.enums import ConsoleAction
from shared_apps.provider.models import ConsoleAuditEntry
from tenant_apps.accounts.enums import Role
from tests.accounts.factories import UserFactory
from tests.oversight.factories import OversightGrantFactory

PAGE = "/console/supervision/"
ADD = "/console/supervision/accorder/"


@pytest.fixture
def admin_account(db):
    with schema_context("public"):
        return UserFactory(role=Role.CROSS_TERRITORY_ADMIN, email="region@hauts-de-france.example.org")


def grants_of(user):
    with schema_context("public"):
        return list(OversightGrant.objects.filter(user=user).values_list("territory__name", "department"))


def test_staff_grant_a_territory(console, staff, admin_account, territory):
    response = console.post(ADD, {"user": admin_account.pk, "territory": territory.pk})

    assert response.status_code == 302
    assert grants_of(admin_account) == [("CC des Hauts de Flandre", "")]
    with schema_context("public"):
        entry = ConsoleAuditEntry.objects.get(action=ConsoleAction.GRANT_OVERSIGHT)
        assert (entry.actor_id, entry.territory_id) == (staff.pk, territory.pk)
        assert entry.details == {"user": "region@hauts-de-france.example.org"}
    page = unescape(console.get(PAGE).content.decode())
    assert "region@hauts-de-france.example.org" in page
    assert "CC des Hauts de Flandre" in page


def test_staff_grant_a_department_by_its_code(console, admin_account):
    console.post(ADD, {"user": admin_account.pk, "department": "2a"})

    assert grants_of(admin_account) == [(None, "2A")]
    assert "Département 2A" in unescape(console.get(PAGE).content.decode())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choisissez un territoire ou un département, pas les deux."),
        ({"department": "99"}, "Le département 99 n'existe pas."),
        ({"department": "59", "territory": "{territory}"}, "Choisissez un territoire ou un département, pas les deux."),
    ],
)
def test_a_wrong_grant_is_refused_with_its_reason(console, admin_account, territory, data, message):
    data = {key: str(territory.pk) if value == "{territory}" else value for key, value in data.items()}

    response = console.post(ADD, {"user": admin_account.pk, **data})

    assert response.status_code == 400
    assert message in unescape(response.content.decode())
    assert grants_of(admin_account) == []


def test_the_same_grant_twice_is_refused(console, admin_account):
    console.post(ADD, {"user": admin_account.pk, "department": "59"})

    response = console.post(ADD, {"user": admin_account.pk, "department": "59"})

    assert response.status_code == 400
    assert "Ce compte a déjà cet accès." in unescape(response.content.decode())


def test_only_cross_territory_admins_can_be_granted(console, staff, territory):
    response = console.post(ADD, {"user": staff.pk, "territory": territory.pk})

    assert response.status_code == 400
    assert grants_of(staff) == []


def test_staff_withdraw_a_grant(console, admin_account, territory):
    with schema_context("public"):
        grant = OversightGrantFactory(user=admin_account, territory=territory)

    response = console.post(f"/console/supervision/{grant.pk}/retirer/")

    assert response.status_code == 302
    assert grants_of(admin_account) == []
    with schema_context("public"):
        entry = ConsoleAuditEntry.objects.get(action=ConsoleAction.REVOKE_OVERSIGHT)
        assert entry.territory_id == territory.pk
    assert console.post(f"/console/supervision/{grant.pk}/retirer/").status_code == 404


def test_the_grants_page_runs_a_fixed_number_of_queries(console, admin_account, territory, snapshot_queries):
    with schema_context("public"):
        OversightGrantFactory(user=admin_account, territory=territory)
        OversightGrantFactory(user=admin_account, department="62")
    console.get(PAGE)

    with snapshot_queries():
        response = console.get(PAGE)

    assert len(response.context["grants"]) == 2
