"""A suspended portal: readable with a notice, no new offer or application, data kept."""

from html import unescape

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from shared_apps.provider.enums import ConsoleAction
from shared_apps.provider.models import ConsoleAuditEntry
from tenant_apps.accounts.enums import Role
from tenant_apps.applications.models import Application
from tenant_apps.offers.models import Offer
from tests.candidates.factories import CandidateFactory
from tests.employers.factories import MembershipFactory
from tests.offers.factories import OfferFactory

NOTICE = "Ce portail est suspendu : les offres restent consultables, mais aucune nouvelle offre ni candidature"


@pytest.fixture
def offer():
    return OfferFactory(published=True, title="Aide-soignant de nuit")


@pytest.fixture
def suspended(console, territory):
    response = console.post(f"/console/territoires/{territory.pk}/suspendre/", {"suspension-reason": "Impayés 2026"})
    assert response.status_code == 302
    territory.refresh_from_db()
    return territory


def test_suspending_records_when_why_and_who(suspended, staff):
    assert suspended.is_suspended
    assert suspended.suspension_reason == "Impayés 2026"
    entry = ConsoleAuditEntry.objects.get()
    assert (entry.actor_id, entry.action) == (staff.pk, ConsoleAction.SUSPEND)
    assert entry.details == {"reason": "Impayés 2026"}


def test_a_suspended_portal_is_still_readable_with_a_notice(suspended, offer, portal_client):
    for url in ("/", "/offres/", f"/offres/{offer.pk}/"):
        response = portal_client.get(url)
        assert response.status_code == 200, url
        assert NOTICE in unescape(response.content.decode())


def test_a_suspended_portal_accepts_no_new_offer_nor_application(suspended, offer, login_as):
    recruiter, user = login_as(Role.RECRUITER)
    MembershipFactory(user=user, employer=offer.employer)
    candidate, candidate_user = login_as(Role.CANDIDATE)
    CandidateFactory(user=candidate_user)
    offers = Offer.objects.count()

    new_offer = recruiter.post("/employeur/offres/nouvelle/", {"title": "Boulanger"})
    application = candidate.post(f"/offres/{offer.pk}/postuler/", {"cv_kind": "generated"})
    api = Client(HTTP_HOST="test.localhost", HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    api_offer = api.post("/api/employeur/offres/", {"title": "Cariste"}, content_type="application/json")

    for response in (new_offer, application):
        assert response.status_code == 403
        assert NOTICE in unescape(response.content.decode())
    assert api_offer.status_code == 403
    assert NOTICE in api_offer.json()["detail"]
    assert Offer.objects.count() == offers
    assert not Application.objects.exists()


def test_people_may_still_sign_in_on_a_suspended_portal(suspended, portal_client):
    response = portal_client.post("/connexion/", {"username": "personne@example.org", "password": "mauvais"})

    assert response.status_code == 200  # the form, with its error


def test_reactivating_opens_the_portal_again(suspended, console, staff, portal_client):
    response = console.post(f"/console/territoires/{suspended.pk}/reactiver/", {"suspension-reason": "Réglé"})

    suspended.refresh_from_db()
    assert response.status_code == 302
    assert not suspended.is_suspended
    assert suspended.suspension_reason == ""
    assert portal_client.post("/employeur/inscription/", {"siret": "81000000000001"}).status_code == 200
    assert NOTICE not in unescape(portal_client.get("/").content.decode())
    assert list(ConsoleAuditEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        ConsoleAction.SUSPEND,
        ConsoleAction.REACTIVATE,
    ]


def test_a_suspended_portal_leaves_the_provider_s_list_of_portals(suspended, provider_client):
    page = provider_client.get("/").content.decode()

    assert "CC des Hauts de Flandre" not in page
    assert "CA Coeur de Flandre" in page


def test_another_territory_is_not_suspended(suspended, other_portal_client):
    assert other_portal_client.post("/employeur/inscription/", {"siret": "81000000000001"}).status_code == 200


def test_a_suspension_needs_a_reason(console, territory):
    response = console.post(f"/console/territoires/{territory.pk}/suspendre/", {"suspension-reason": ""})

    territory.refresh_from_db()
    assert response.status_code == 400
    assert not territory.is_suspended
    assert not ConsoleAuditEntry.objects.exists()


def test_suspending_twice_says_it_already_is(suspended, console):
    response = console.post(f"/console/territoires/{suspended.pk}/suspendre/", {"suspension-reason": "Encore"})

    assert response.status_code == 400
    assert "Ce territoire est déjà suspendu." in unescape(response.content.decode())
    assert ConsoleAuditEntry.objects.count() == 1
