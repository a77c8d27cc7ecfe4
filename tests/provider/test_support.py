"""Support access: provider staff enter a territory's portal as its admin only through a
reasoned, one-hour, revocable grant, which the territory's admin can read."""

import datetime
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from shared_apps.provider.enums import ConsoleAction
from shared_apps.provider.models import ConsoleAuditEntry, ProviderSupportGrant
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.audit.enums import AuditAction
from tenant_apps.audit.models import AuditEntry
from tests.provider.factories import ProviderSupportGrantFactory

REASON = "Ticket 1234 : réglage de la modération"


@pytest.fixture
def opened(console, territory):
    """The grant and the path of its one-time link on the portal."""
    response = console.post(f"/console/territoires/{territory.pk}/support/", {"support-reason": REASON})
    assert response.status_code == 302
    link = urlsplit(response["Location"])
    assert link.netloc == "test.localhost:8000"
    return ProviderSupportGrant.objects.get(), link.path


@pytest.fixture
def support_client(opened):
    _grant, path = opened
    client = Client(HTTP_HOST="test.localhost")
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == "/gestion/portail/"
    return client


def test_opening_a_grant_records_who_why_and_for_one_hour(opened, staff, territory):
    grant, _path = opened

    assert (grant.staff_id, grant.staff_email, grant.territory, grant.reason) == (
        staff.pk,
        "equipe@emploi-local.fr",
        territory,
        REASON,
    )
    assert grant.expires_at - grant.created_at == datetime.timedelta(hours=1)
    entry = ConsoleAuditEntry.objects.get()
    assert (entry.actor_id, entry.action, entry.territory, entry.details) == (
        staff.pk,
        ConsoleAction.GRANT_SUPPORT,
        territory,
        {"grant": grant.pk, "reason": REASON},
    )


def test_a_grant_needs_a_reason(console, territory):
    response = console.post(f"/console/territoires/{territory.pk}/support/", {"support-reason": "  "})

    assert response.status_code == 400
    assert not ProviderSupportGrant.objects.exists()


def test_the_link_logs_the_staff_member_in_as_the_territory_s_support_user_until_the_grant_ends(support_client, opened):
    grant, _path = opened

    response = support_client.get("/gestion/portail/")

    assert response.status_code == 200  # a territory admin's page, second factor included
    user = response.context["user"]
    assert (user.role, str(user), user.has_usable_password()) == (
        Role.TERRITORY_ADMIN,
        "Support equipe@emploi-local.fr",
        False,
    )
    assert abs(support_client.session.get_expiry_date() - grant.expires_at) < datetime.timedelta(seconds=1)
    grant.refresh_from_db()
    assert grant.entered_at is not None


def test_entering_is_written_in_the_territory_s_audit_journal(support_client, opened):
    grant, _path = opened

    entry = AuditEntry.objects.get(action=AuditAction.LOGGED_IN_AS_SUPPORT)

    assert entry.actor_label == "Équipe du fournisseur : equipe@emploi-local.fr"
    assert entry.details["reason"] == REASON
    assert entry.details["grant"] == grant.pk


def test_the_link_works_once(support_client, opened):
    _grant, path = opened

    response = Client(HTTP_HOST="test.localhost").get(path)

    assert response.status_code == 403
    assert "Cet accès support a déjà servi" in unescape(response.content.decode())


def test_the_link_works_on_its_territory_only(opened, other_portal_client):
    _grant, path = opened

    response = other_portal_client.get(path)

    assert response.status_code == 403
    assert "n'est pas valide" in unescape(response.content.decode())


def test_a_forged_link_is_refused(portal_client):
    assert portal_client.get("/assistance/entrer/1:abc:def/").status_code == 403


def test_an_expired_grant_ends_the_support_session(support_client, opened):
    grant, _path = opened
    ProviderSupportGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    ended = support_client.get("/gestion/portail/")

    assert ended.status_code == 403
    assert "Accès support terminé" in ended.content.decode()
    assert support_client.get("/gestion/portail/").status_code == 302  # logged out: the login page


def test_an_expired_grant_s_link_is_refused(opened):
    grant, path = opened
    ProviderSupportGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    assert Client(HTTP_HOST="test.localhost").get(path).status_code == 403


def test_revoking_ends_the_support_session_and_is_logged(support_client, opened, console, staff, territory):
    grant, _path = opened

    response = console.post(f"/console/support/{grant.pk}/revoquer/")

    grant.refresh_from_db()
    assert response["Location"] == f"/console/territoires/{territory.pk}/"
    assert grant.revoked_at is not None
    assert support_client.get("/gestion/portail/").status_code == 403
    assert ConsoleAuditEntry.objects.filter(action=ConsoleAction.REVOKE_SUPPORT, actor_id=staff.pk).exists()


def test_each_staff_member_has_one_support_user_per_territory(console, territory):
    for _n in range(2):
        response = console.post(f"/console/territoires/{territory.pk}/support/", {"support-reason": REASON})
        Client(HTTP_HOST="test.localhost").get(urlsplit(response["Location"]).path)

    assert User.objects.filter(email__endswith="@support.emploi-local.invalid").count() == 1


# --- What the territory's admin sees --------------------------------------------------------------


def test_the_territory_admin_reads_the_support_accesses_to_their_portal(login_as, staff, territory, other_territory):
    ProviderSupportGrantFactory(staff=staff, territory=territory, reason="Ticket chez nous")
    ProviderSupportGrantFactory(staff=staff, territory=other_territory, reason="Ticket chez les voisins")
    admin, _user = login_as(Role.TERRITORY_ADMIN)

    page = unescape(admin.get("/gestion/acces-support/").content.decode())

    assert "Ticket chez nous" in page
    assert "equipe@emploi-local.fr" in page
    assert "Ticket chez les voisins" not in page
    assert 'href="/gestion/acces-support/"' in page  # in the menu


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.RECRUITER, Role.CANDIDATE])
def test_only_the_territory_admin_reads_the_support_accesses(login_as, role):
    client, _user = login_as(role)

    assert client.get("/gestion/acces-support/").status_code == 403
    assert 'href="/gestion/acces-support/"' not in client.get("/").content.decode()


def test_anonymous_visitors_do_not_read_the_support_accesses(portal_client):
    assert portal_client.get("/gestion/acces-support/").status_code == 302
