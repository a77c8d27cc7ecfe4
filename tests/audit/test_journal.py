"""/gestion/journal/: the territory admin reads and exports the journal; nobody else does."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from tenant_apps.accounts.enums import Role
from tenant_apps.audit.enums import AuditAction
from tenant_apps.audit.models import AuditEntry
from tests.accounts.factories import UserFactory
from tests.audit.factories import AuditEntryFactory

URL = "/gestion/journal/"
EXPORT = "/gestion/journal/export.csv"


def at(day: str):
    return timezone.make_aware(datetime.datetime.fromisoformat(f"{day}T10:00"))


@pytest.fixture
def entries():
    """An advisor viewed a candidate on 3 Oct, a partner exported one on 20 Oct, support came on 25 Oct."""
    advisor = UserFactory(role=Role.ADVISOR, email="anne.conseil@example.org")
    partner = UserFactory(role=Role.PARTNER, email="paul.partenaire@example.org")
    made = [
        AuditEntryFactory(actor=advisor, action=AuditAction.VIEWED, target_label="Léa Dumoulin"),
        AuditEntryFactory(actor=partner, action=AuditAction.EXPORTED, target_label="Marc Vasseur"),
        AuditEntryFactory(
            actor=None,
            actor_label="Équipe du fournisseur : support@fournisseur.example",
            action=AuditAction.LOGGED_IN_AS_SUPPORT,
            target_type="",
            target_id="",
            target_label="",
        ),
    ]
    for entry, day in zip(made, ["2026-10-03", "2026-10-20", "2026-10-25"], strict=True):
        AuditEntry.objects.filter(pk=entry.pk).update(created_at=at(day))
    return made


def labels(response) -> list[str]:
    return [entry.actor_label for entry in response.context["page"].object_list]


def test_the_territory_admin_reads_the_journal_newest_first(login_as, entries):
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    response = client.get(URL)

    assert response.status_code == 200
    assert labels(response) == [
        "Équipe du fournisseur : support@fournisseur.example",
        "paul.partenaire@example.org",
        "anne.conseil@example.org",
    ]
    page = response.content.decode()
    assert "Léa Dumoulin" in page and "Conseiller" in page and "Connexion du support du fournisseur" in page


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"actor": "ANNE"}, ["anne.conseil@example.org"]),
        ({"action": AuditAction.EXPORTED}, ["paul.partenaire@example.org"]),
        ({"target_type": "candidate"}, ["paul.partenaire@example.org", "anne.conseil@example.org"]),
        ({"start": "2026-10-04", "end": "2026-10-20"}, ["paul.partenaire@example.org"]),
    ],
)
def test_the_journal_is_filtered(login_as, entries, filters, expected):
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    assert labels(client.get(URL, filters)) == expected


def test_a_wrong_period_is_refused_with_its_reason(login_as):
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    response = client.get(URL, {"start": "2026-10-20", "end": "2026-10-01"})

    assert response.status_code == 400
    assert "La fin de la période doit suivre son début." in response.content.decode()
    assert client.get(EXPORT, {"start": "pas une date"}).status_code == 400


def test_the_export_holds_the_filtered_entries(login_as, entries):
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    response = client.get(EXPORT, {"action": AuditAction.VIEWED})

    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode()), delimiter=";"))
    assert rows[0][:4] == ["Date", "Auteur", "Rôle", "Action"]
    assert [[*row[1:4], row[6]] for row in rows[1:]] == [
        ["anne.conseil@example.org", "Conseiller", "Consultation", "Léa Dumoulin"]
    ]


def test_the_journal_is_paginated_in_a_fixed_number_of_queries(login_as, snapshot_queries):
    client, _admin = login_as(Role.TERRITORY_ADMIN)
    for _entry in range(55):
        AuditEntryFactory(on_behalf_of=UserFactory())

    with snapshot_queries():
        response = client.get(URL)

    assert len(response.context["page"].object_list) == 50
    assert "Page 1 sur 2" in response.content.decode()


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.RECRUITER, Role.RECEPTION_AGENT, Role.ADVISOR, Role.PARTNER])
def test_other_roles_are_refused(login_as, role):
    client, _user = login_as(role)

    assert client.get(URL).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(portal_client):
    for url in (URL, EXPORT):
        assert portal_client.get(url).status_code == 302


def test_another_territory_s_admin_does_not_read_this_journal(login_as, other_territory, portal_client, entries):
    client, _admin = login_as(Role.TERRITORY_ADMIN, on=other_territory)

    own = client.get(URL)

    assert own.status_code == 200 and labels(own) == []  # their own, empty journal
    portal_client.cookies = client.cookies  # their session is unknown on this portal
    assert portal_client.get(URL).status_code == 302
    assert portal_client.get(EXPORT).status_code == 302
