"""What staff, partners and recruiters do to a person's record lands in the territory's journal."""

import pytest

from tenant_apps.accounts.enums import Role
from tenant_apps.audit.enums import AuditAction
from tenant_apps.audit.models import AuditEntry
from tenant_apps.candidates.models import ProfileView
from tests.applications.factories import ApplicationFactory
from tests.candidates.factories import CandidateFactory
from tests.employers.factories import MembershipFactory
from tests.offers.factories import OfferFactory
from tests.partners.factories import PartnerMembershipFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def journal():
    return list(AuditEntry.objects.values_list("actor__email", "action", "target_type", "target_id"))


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.PARTNER])
def test_staff_opening_a_cvtheque_profile_is_journaled(login_as, role):
    client, user = login_as(role)
    if role == Role.PARTNER:
        PartnerMembershipFactory(user=user, organisation__can_search_cvtheque=True)
    candidate = CandidateFactory(visible=True)

    assert client.get(f"/cvtheque/candidats/{candidate.pk}/").status_code == 200

    assert journal() == [(user.email, AuditAction.VIEWED, "candidate", str(candidate.pk))]


def test_a_recruiter_opening_a_profile_is_only_shown_to_the_candidate(login_as):
    client, user = login_as(Role.RECRUITER)
    MembershipFactory(user=user)
    candidate = CandidateFactory(visible=True)

    assert client.get(f"/cvtheque/candidats/{candidate.pk}/").status_code == 200

    assert ProfileView.objects.filter(candidate=candidate, viewer=user).exists()
    assert journal() == []


def test_downloading_a_cvtheque_cv_is_journaled(login_as):
    client, user = login_as(Role.RECRUITER)
    MembershipFactory(user=user)
    candidate = CandidateFactory(visible=True)

    assert client.get(f"/cvtheque/candidats/{candidate.pk}/cv.pdf", REMOTE_ADDR="203.0.113.5").status_code == 200

    [entry] = AuditEntry.objects.all()
    assert (entry.actor, entry.action, entry.target_id) == (user, AuditAction.DOWNLOADED, str(candidate.pk))
    assert entry.ip == "203.0.113.5"


def test_downloading_the_cv_sent_with_an_application_is_journaled(login_as):
    client, user = login_as(Role.RECRUITER)
    offer = OfferFactory(published=True)
    MembershipFactory(user=user, employer=offer.employer)
    application = ApplicationFactory(offer=offer)

    response = client.get(f"/employeur/candidatures/{application.pk}/cv.pdf")
    b"".join(response.streaming_content)

    [entry] = AuditEntry.objects.all()
    assert (entry.actor, entry.action) == (user, AuditAction.DOWNLOADED)
    assert (entry.target_type, entry.target_id) == ("candidate", str(application.candidate_id))
    assert entry.details == {"file": "application_cv", "application": application.pk}


def test_a_refused_download_writes_nothing(login_as):
    client, _ = login_as(Role.RECRUITER)
    application = ApplicationFactory()  # another employer's

    assert client.get(f"/employeur/candidatures/{application.pk}/cv.pdf").status_code == 404

    assert journal() == []
