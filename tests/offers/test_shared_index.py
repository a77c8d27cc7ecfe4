"""Neighbouring territories that share their offers show up near the border,
through the shared index of published offers, kept in step with each territory."""

import datetime

import pytest
from django.utils import timezone

from shared_apps.directory.models import PublishedOffer
from shared_apps.referentials.models import Commune, Occupation
from tenant_apps.offers.services import apply_transition, expire_due_offers
from tests.employers.factories import MembershipFactory
from tests.offers.factories import OfferFactory

HAZEBROUCK = "59295"  # CA Coeur de Flandre, ~15 km from Wormhout


def index_titles(territory):
    return list(PublishedOffer.objects.filter(territory=territory).values_list("title", flat=True))


def test_the_index_follows_publication_edits_and_withdrawal(territory):
    recruiter = MembershipFactory().user
    offer = OfferFactory(employer=recruiter.membership.employer, title="Cariste")
    assert index_titles(territory) == []

    offer = apply_transition(offer, "submit", by=recruiter)
    assert index_titles(territory) == ["Cariste"]
    entry = PublishedOffer.objects.get(territory=territory)
    assert (entry.offer_id, entry.employer_name, entry.commune_id) == (offer.pk, offer.employer.name, offer.commune_id)

    apply_transition(offer, "archive", by=recruiter)
    assert index_titles(territory) == []


def test_expired_offers_leave_the_index(territory):
    recruiter = MembershipFactory().user
    offer = apply_transition(OfferFactory(employer=recruiter.membership.employer), "submit", by=recruiter)

    expire_due_offers(timezone.now() + datetime.timedelta(days=61))

    assert index_titles(territory) == []
    offer.refresh_from_db()
    assert offer.status == "expired"


def test_an_edit_of_a_published_offer_reaches_the_index(login_as, territory):
    from tenant_apps.accounts.enums import Role

    client, user = login_as(Role.RECRUITER)
    MembershipFactory(user=user)
    offer = apply_transition(OfferFactory(employer=user.membership.employer), "submit", by=user)
    data = {
        "title": "Boulanger de nuit",
        "occupation": "D1102",
        "description": "Pain.",
        "contract_type": "cdi",
        "working_time": "full_time",
        "commune": "Wormhout",
        "positions": "1",
        "remote_work": "none",
        "application_method": "platform",
    }

    client.post(f"/employeur/offres/{offer.pk}/modifier/", data)

    assert index_titles(territory) == ["Boulanger de nuit"]


@pytest.fixture
def neighbour_offer(territory, other_territory):
    """A published offer of Coeur de Flandre, which shares its offers with the test territory."""
    other_territory.shares_offers_with.add(territory)
    with other_territory:
        recruiter = MembershipFactory().user
        offer = OfferFactory(
            employer=recruiter.membership.employer,
            title="Soudeur à Hazebrouck",
            occupation=Occupation.objects.get(code="H2913"),
            commune=Commune.objects.get(insee=HAZEBROUCK),
        )
        offer = apply_transition(offer, "submit", by=recruiter)
    return offer


def test_a_neighbour_s_offer_within_the_radius_is_listed_apart_with_a_link_to_its_portal(
    portal_client, neighbour_offer
):
    OfferFactory(published=True, title="Boulanger à Wormhout")

    response = portal_client.get("/offres/", {"commune": "Wormhout", "rayon": "20"})

    html = response.content.decode()
    assert [o.title for o in response.context["page"]] == ["Boulanger à Wormhout"]
    assert [entry.title for entry in response.context["neighbours"]] == ["Soudeur à Hazebrouck"]
    assert "Chez nos voisins" in html
    assert f'href="http://other.localhost:8000/offres/{neighbour_offer.pk}/"' in html
    assert "Portail CA Coeur de Flandre" in html


def test_a_neighbour_s_offer_beyond_the_radius_or_without_a_position_is_not_listed(portal_client, neighbour_offer):
    assert not portal_client.get("/offres/", {"commune": "Hondschoote", "rayon": "10"}).context["neighbours"]
    assert not portal_client.get("/offres/", {"q": "soudeur"}).context["neighbours"]


def test_a_territory_that_does_not_share_stays_out(portal_client, territory, other_territory, neighbour_offer):
    other_territory.shares_offers_with.remove(territory)

    assert not portal_client.get("/offres/", {"commune": "Wormhout", "rayon": "30"}).context["neighbours"]


def test_the_neighbour_search_applies_the_same_text_and_filters(portal_client, neighbour_offer):
    near_wormhout = {"commune": "Wormhout", "rayon": "30"}

    assert portal_client.get("/offres/", {**near_wormhout, "q": "soudeur"}).context["neighbours"]
    assert not portal_client.get("/offres/", {**near_wormhout, "q": "boulanger"}).context["neighbours"]
    assert not portal_client.get("/offres/", {**near_wormhout, "contrat": "temporary"}).context["neighbours"]
