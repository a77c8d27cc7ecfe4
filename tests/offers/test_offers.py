"""Recruiters post offers, advisors moderate them, anyone reads the published ones."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from tenant_apps.accounts.enums import Role
from tenant_apps.offers.enums import OfferStatus
from tenant_apps.offers.models import Offer, OfferTransition
from tenant_apps.offers.services import TransitionError, apply_transition
from tests.employers.factories import MembershipFactory
from tests.offers.factories import OfferFactory


def offer_data(**changes):
    data = {
        "title": "Boulanger / Boulangère",
        "occupation": "boulangère",
        "description": "Fabrication du pain.\n\n- Pétrissage\n- Cuisson",
        "contract_type": "cdd",
        "working_time": "part_time",
        "hours_per_week": "24",
        "salary_min": "11.88",
        "salary_max": "13.50",
        "salary_period": "hour",
        "commune": "Wormhout",
        "start_date": "2027-01-04",
        "end_date": "2027-06-30",
        "positions": "2",
        "reachable_without_car": "on",
        "remote_work": "none",
        "application_method": "platform",
    }
    return {**data, **changes}


@pytest.fixture
def recruiter(login_as):
    client, user = login_as(Role.RECRUITER)
    MembershipFactory(user=user)
    return client, user


@pytest.fixture
def moderation(territory):
    territory.offer_moderation = True
    territory.save()
    connection.set_tenant(territory)  # the services read the active territory's settings


def test_a_recruiter_publishes_an_offer_at_once_when_nobody_moderates(recruiter):
    client, user = recruiter

    response = client.post("/employeur/offres/nouvelle/", {**offer_data(), "publish": ""}, follow=True)

    offer = Offer.objects.get()
    assert "Offre publiée." in response.content.decode()
    assert (offer.status, offer.employer, offer.created_by) == (OfferStatus.PUBLISHED, user.membership.employer, user)
    assert offer.occupation.code == "D1102"
    assert offer.commune.name == "Wormhout"
    assert (offer.latitude, offer.longitude) == (offer.commune.latitude, offer.commune.longitude)
    assert offer.expires_at - offer.published_at == datetime.timedelta(days=60)
    assert offer.description_html == "<p>Fabrication du pain.</p><ul><li>Pétrissage</li><li>Cuisson</li></ul>"
    [step] = offer.transitions.all()
    assert (step.from_status, step.to_status, step.by) == (OfferStatus.DRAFT, OfferStatus.PUBLISHED, user)
    assert Client(HTTP_HOST="test.localhost").get(f"/offres/{offer.pk}/").status_code == 200


def test_a_draft_stays_private(recruiter):
    client, _user = recruiter

    client.post("/employeur/offres/nouvelle/", {**offer_data(), "draft": ""})

    offer = Offer.objects.get()
    assert offer.status == OfferStatus.DRAFT
    assert Client(HTTP_HOST="test.localhost").get(f"/offres/{offer.pk}/").status_code == 404


def test_with_moderation_an_advisor_approves_the_offer(recruiter, moderation, login_as):
    client, _user = recruiter
    client.post("/employeur/offres/nouvelle/", {**offer_data(), "publish": ""})
    offer = Offer.objects.get()
    assert offer.status == OfferStatus.SUBMITTED
    advisor_client, advisor = login_as(Role.ADVISOR)
    assert offer.title in advisor_client.get("/conseiller/moderation/").content.decode()

    advisor_client.post(f"/employeur/offres/{offer.pk}/approve/", {"next": "/conseiller/moderation/"})

    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.transitions.last().by == advisor


def test_a_rejected_offer_shows_the_reason_and_can_be_fixed_and_resubmitted(recruiter, moderation, login_as):
    client, _user = recruiter
    offer = OfferFactory(employer=_user.membership.employer, status=OfferStatus.SUBMITTED)
    advisor_client, _advisor = login_as(Role.ADVISOR)

    response = advisor_client.post(f"/employeur/offres/{offer.pk}/reject/", {"reason": ""}, follow=True)
    assert "Indiquez le motif" in response.content.decode()
    advisor_client.post(f"/employeur/offres/{offer.pk}/reject/", {"reason": "Salaire sous le SMIC."})

    page = client.get(f"/employeur/offres/{offer.pk}/").content.decode()
    assert "Salaire sous le SMIC." in page
    client.post(
        f"/employeur/offres/{offer.pk}/modifier/", {**offer_data(salary_min="12", salary_max="13"), "publish": ""}
    )
    offer.refresh_from_db()
    assert offer.status == OfferStatus.SUBMITTED
    assert [t.to_status for t in offer.transitions.all()] == [OfferStatus.REJECTED, OfferStatus.SUBMITTED]


def test_the_life_cycle_refuses_moves_that_make_no_sense(recruiter):
    _client, user = recruiter
    offer = OfferFactory(employer=user.membership.employer)

    with pytest.raises(TransitionError, match="impossible sur une offre « Brouillon »"):
        apply_transition(offer, "mark_filled", by=user)
    with pytest.raises(TransitionError):
        apply_transition(offer, "approve", by=user)  # recruiters do not moderate
    offer = apply_transition(offer, "submit", by=user)
    offer = apply_transition(offer, "mark_filled", by=user)
    offer = apply_transition(offer, "archive", by=user)
    assert offer.status == OfferStatus.ARCHIVED
    assert OfferTransition.objects.filter(offer=offer).count() == 3


def test_expiry_is_recorded_as_automatic(db):
    offer = OfferFactory(published=True)

    apply_transition(offer, "expire")

    step = offer.transitions.get()
    assert (step.to_status, step.by) == (OfferStatus.EXPIRED, None)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"commune": "Nulle-Part-sur-Mer"}, "commune", "Commune introuvable"),
        ({"commune": "Lille"}, "commune", "n'est ni dans le territoire ni chez un voisin"),
        ({"salary_min": "15", "salary_max": "12"}, "salary_max", "supérieur ou égal au minimum"),
        ({"salary_period": ""}, "salary_period", "horaire, mensuel ou annuel"),
        ({"end_date": "2026-12-01"}, "end_date", "doit suivre la date de début"),
        ({"description": "x" * 200_000}, "description", "trop longue"),
        ({"description": "<script>alert(1)</script>"}, "description", "ne peut pas être publié"),
        ({"description": '<p onclick="vol()">Clic</p>'}, "description", "ne peut pas être publié"),
        ({"occupation": "zzzxxy"}, "occupation", "Métier introuvable"),
        ({"hours_per_week": ""}, "hours_per_week", "heures par semaine"),
        ({"hours_per_week": "90"}, "hours_per_week", "48"),
        ({"positions": "0"}, "positions", "1"),
        ({"application_method": "url"}, "application_url", "adresse du site"),
        ({"contract_type": "cdi"}, "end_date", "Un CDI n'a pas de date de fin"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(recruiter, changes, field, message):
    client, _user = recruiter

    response = client.post("/employeur/offres/nouvelle/", {**offer_data(**changes), "publish": ""})

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Offer.objects.exists()


def test_an_offer_may_be_in_a_commune_of_a_neighbour_sharing_offers(recruiter, territory, other_territory):
    client, _user = recruiter
    territory.shares_offers_with.add(other_territory)

    client.post("/employeur/offres/nouvelle/", {**offer_data(commune="Hazebrouck"), "publish": ""})

    assert Offer.objects.get().commune.name == "Hazebrouck"


def test_the_employer_dashboard_counts_offers_by_state(recruiter, snapshot_queries):
    client, user = recruiter
    employer = user.membership.employer
    OfferFactory.create_batch(2, employer=employer, published=True)
    OfferFactory(employer=employer, title="Vendeur en boulangerie")
    OfferFactory(title="Offre d'un autre employeur", published=True)

    with snapshot_queries():
        response = client.get("/employeur/")

    assert [(status, count) for status, _label, count in response.context["status_counts"]] == [
        ("draft", 1),
        ("published", 2),
    ]
    assert "Offre d&#x27;un autre employeur" not in response.content.decode()


def test_the_public_page_has_job_posting_data_and_open_graph(db, portal_client):
    offer = OfferFactory(
        published=True,
        title="Cariste </script><script>alert(1)</script>",
        salary_min=1800,
        salary_max=2100,
        salary_period="month",
    )

    html = portal_client.get(f"/offres/{offer.pk}/").content.decode()

    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "JobPosting"
    assert data["title"] == offer.title
    assert data["hiringOrganization"]["name"] == offer.employer.name
    assert data["jobLocation"]["address"]["addressLocality"] == "Wormhout"
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "MONTH",
        "minValue": 1800.0,
        "maxValue": 2100.0,
    }
    assert '<meta property="og:title" content="Cariste &lt;/script&gt;' in html
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize(
    "status", [OfferStatus.DRAFT, OfferStatus.SUBMITTED, OfferStatus.REJECTED, OfferStatus.ARCHIVED]
)
def test_only_published_offers_are_public(db, portal_client, status):
    offer = OfferFactory(status=status)

    assert portal_client.get(f"/offres/{offer.pk}/").status_code == 404


def test_an_offer_of_another_territory_is_never_reachable_by_its_id(db, other_territory, portal_client):
    with other_territory:
        offer = OfferFactory(published=True, title="Offre voisine")

    response = portal_client.get(f"/offres/{offer.pk}/")

    assert response.status_code == 404 or "Offre voisine" not in response.content.decode()


def test_a_recruiter_of_another_employer_cannot_see_or_change_an_offer(recruiter):
    client, _user = recruiter
    offer = OfferFactory()  # another employer's draft

    assert client.get(f"/employeur/offres/{offer.pk}/").status_code == 404
    assert client.get(f"/employeur/offres/{offer.pk}/modifier/").status_code == 404
    assert client.post(f"/employeur/offres/{offer.pk}/submit/").status_code == 404
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DRAFT


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.RECEPTION_AGENT, Role.TERRITORY_ADMIN])
def test_other_roles_cannot_manage_offers(login_as, role):
    client, _user = login_as(role)
    offer = OfferFactory()

    assert client.get("/employeur/offres/nouvelle/").status_code == 403
    assert client.get(f"/employeur/offres/{offer.pk}/").status_code == 403
    assert client.post(f"/employeur/offres/{offer.pk}/submit/").status_code == 403
    assert client.get("/conseiller/moderation/").status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(portal_client, db):
    offer = OfferFactory()

    assert portal_client.get("/employeur/offres/nouvelle/").status_code == 302
    assert portal_client.post(f"/employeur/offres/{offer.pk}/submit/").status_code == 302
    assert portal_client.get("/conseiller/moderation/").status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DRAFT


def test_a_recruiter_of_another_territory_is_anonymous_here(login_as, other_territory, db):
    client, _user = login_as(Role.RECRUITER, on=other_territory)
    offer = OfferFactory()
    client.defaults["HTTP_HOST"] = "test.localhost"

    assert client.post(f"/employeur/offres/{offer.pk}/submit/").status_code == 302
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DRAFT


def test_a_published_offer_is_not_edited_behind_the_moderators_back(recruiter, moderation):
    client, user = recruiter
    offer = OfferFactory(employer=user.membership.employer, published=True)

    response = client.post(f"/employeur/offres/{offer.pk}/modifier/", {**offer_data(title="Autre"), "draft": ""})

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Boulanger / Boulangère"


def test_the_moderation_queue_runs_a_constant_number_of_queries(login_as, snapshot_queries, moderation):
    client, _advisor = login_as(Role.ADVISOR)
    OfferFactory.create_batch(3, status=OfferStatus.SUBMITTED)

    with snapshot_queries():
        client.get("/conseiller/moderation/")


def test_offers_expire_after_the_territory_s_validity(recruiter, territory):
    territory.offer_validity_days = 30
    territory.save()
    connection.set_tenant(territory)
    _client, user = recruiter
    offer = OfferFactory(employer=user.membership.employer)

    offer = apply_transition(offer, "submit", by=user)

    assert offer.expires_at.date() == (timezone.now() + datetime.timedelta(days=30)).date()


def test_the_offer_page_shows_the_distance_from_the_visitor_s_commune(portal_client, db):
    offer = OfferFactory(published=True)  # in Wormhout

    html = portal_client.get(f"/offres/{offer.pk}/", {"de": "59309"}).content.decode()

    assert "à 13 km de Hondschoote" in html
    assert f'<link rel="canonical" href="http://test.localhost/offres/{offer.pk}/">' in html
    assert "km de" not in portal_client.get(f"/offres/{offer.pk}/", {"de": "00000"}).content.decode()


def test_search_results_carry_the_visitor_s_commune_to_the_offer_page(portal_client, db):
    offer = OfferFactory(published=True)

    html = portal_client.get("/offres/", {"commune": "Hondschoote", "rayon": "20"}).content.decode()

    assert f'href="/offres/{offer.pk}/?de=59309"' in html
