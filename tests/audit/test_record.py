"""services.record: the one way to write the journal."""

import pytest
from django.test import RequestFactory

from tenant_apps.accounts.enums import Role
from tenant_apps.audit.enums import AuditAction
from tenant_apps.audit.models import AuditEntry
from tenant_apps.audit.services import record, record_support_login
from tests.accounts.factories import UserFactory
from tests.candidates.factories import CandidateFactory


def test_an_entry_keeps_the_actor_the_target_and_the_ip():
    advisor = UserFactory(role=Role.ADVISOR, first_name="Anne", last_name="Conseil", email="anne@example.org")
    candidate = CandidateFactory()
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.4")

    entry = record(
        advisor,
        AuditAction.UPDATED,
        candidate,
        on_behalf_of=candidate.user,
        details={"fields": ["phone"]},
        request=request,
    )

    entry.refresh_from_db()
    assert entry.actor == advisor and entry.actor_role == Role.ADVISOR
    assert entry.actor_label == "Anne Conseil <anne@example.org>"
    assert entry.on_behalf_of == candidate.user
    assert (entry.target_type, entry.target_id, entry.target_label) == ("candidate", str(candidate.pk), str(candidate))
    assert entry.details == {"fields": ["phone"]}
    assert entry.ip == "198.51.100.4"


def test_the_label_outlives_the_deleted_actor():
    advisor = UserFactory(role=Role.ADVISOR, email="parti@example.org")
    entry = record(advisor, AuditAction.EXPORTED)

    advisor.delete()

    entry.refresh_from_db()
    assert entry.actor is None and "parti@example.org" in entry.actor_label
    assert entry.target_type == "" and entry.ip is None


def test_the_provider_staff_entering_through_a_support_grant_has_no_user_here():
    entry = record_support_login("support@fournisseur.example", details={"grant": 7})

    assert entry.actor is None
    assert entry.actor_label == "Équipe du fournisseur : support@fournisseur.example"
    assert entry.actor_role == Role.PROVIDER_STAFF
    assert entry.action == AuditAction.LOGGED_IN_AS_SUPPORT and entry.details == {"grant": 7}


def test_an_unknown_action_is_refused():
    with pytest.raises(ValueError):
        record(None, "peeked")
    assert not AuditEntry.objects.exists()
