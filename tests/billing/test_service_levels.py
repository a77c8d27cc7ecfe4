"""What a territory's subscription means for its portal: full service, a payment
issue the admin is told about, or, after the grace period, a read-only portal."""

import datetime
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from shared_apps.billing.enums import ServiceLevel, SubscriptionStatus
from shared_apps.billing.services import service_level
from tenant_apps.accounts.enums import Role
from tests.billing.factories import SubscriptionFactory
from tests.employers.factories import MembershipFactory

READ_ONLY_MESSAGE = (
    "Ce portail est en lecture seule : l'abonnement du territoire n'est plus réglé. "
    "Les offres restent consultables, mais aucune modification n'est possible pour le moment."
)


def test_a_territory_without_subscription_has_the_full_service(territory):
    # Demo territories, pilots and territories served for free never subscribe.
    assert service_level(territory) == ServiceLevel.FULL


@pytest.mark.parametrize(
    ("status", "days_ago", "level"),
    [
        (SubscriptionStatus.TRIALING, 0, ServiceLevel.FULL),
        (SubscriptionStatus.ACTIVE, 0, ServiceLevel.FULL),
        (SubscriptionStatus.PAST_DUE, 30, ServiceLevel.PAYMENT_ISSUE),
        (SubscriptionStatus.INCOMPLETE, 0, ServiceLevel.PAYMENT_ISSUE),
        (SubscriptionStatus.UNPAID, 13, ServiceLevel.PAYMENT_ISSUE),
        (SubscriptionStatus.UNPAID, 14, ServiceLevel.READ_ONLY),
        (SubscriptionStatus.CANCELED, 13, ServiceLevel.PAYMENT_ISSUE),
        (SubscriptionStatus.CANCELED, 15, ServiceLevel.READ_ONLY),
        (SubscriptionStatus.INCOMPLETE_EXPIRED, 20, ServiceLevel.READ_ONLY),
        (SubscriptionStatus.PAUSED, 20, ServiceLevel.READ_ONLY),
    ],
)
def test_the_service_follows_the_subscription_status_and_the_grace_period(territory, status, days_ago, level):
    now = timezone.now()
    SubscriptionFactory(territory=territory, status=status, status_changed_at=now - datetime.timedelta(days=days_ago))

    assert service_level(territory, now) == level


def test_the_grace_period_comes_from_the_settings(territory, settings):
    settings.BILLING_GRACE_DAYS = 3
    SubscriptionFactory(territory=territory, status=SubscriptionStatus.UNPAID, status_changed_days_ago=4)

    assert service_level(territory) == ServiceLevel.READ_ONLY


def test_the_latest_subscription_decides(territory):
    SubscriptionFactory(territory=territory, status=SubscriptionStatus.CANCELED, status_changed_days_ago=90)
    SubscriptionFactory(territory=territory, status=SubscriptionStatus.ACTIVE, started_at=timezone.now())

    assert service_level(territory) == ServiceLevel.FULL


# --- The read-only portal -----------------------------------------------------------------


@pytest.fixture
def read_only(territory):
    return SubscriptionFactory(territory=territory, status=SubscriptionStatus.CANCELED, status_changed_days_ago=15)


@pytest.fixture
def recruiter(login_as):
    client, user = login_as(Role.RECRUITER)
    MembershipFactory(user=user)
    return client, user


def test_a_read_only_portal_still_serves_its_pages(read_only, portal_client, recruiter):
    client, _recruiter = recruiter

    assert portal_client.get("/").status_code == 200
    assert portal_client.get("/offres/").status_code == 200
    assert portal_client.get("/employeur/inscription/").status_code == 200
    assert portal_client.get("/api/offres/").status_code == 200
    assert client.get("/employeur/offres/nouvelle/").status_code == 200


def test_a_read_only_portal_refuses_new_employers_and_new_offers_with_a_clear_page(read_only, portal_client, recruiter):
    client, _recruiter = recruiter

    signup = portal_client.post("/employeur/inscription/", {"siret": "81000000000001"})
    new_offer = client.post("/employeur/offres/nouvelle/", {"title": "Boulanger"})

    for response in (signup, new_offer):
        assert response.status_code == 403
        assert READ_ONLY_MESSAGE in unescape(response.content.decode())
        assert "<h1>Portail en lecture seule</h1>" in response.content.decode()


def test_a_read_only_portal_refuses_api_changes_in_json(read_only, recruiter):
    _client, user = recruiter
    api = Client(HTTP_HOST="test.localhost", HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")

    response = api.post("/api/employeur/offres/", {"title": "Cariste"}, content_type="application/json")

    assert response.status_code == 403
    assert response.json() == {"detail": READ_ONLY_MESSAGE}


def test_a_read_only_portal_still_lets_people_sign_in_and_the_admin_pay(
    read_only, portal_client, login_as, customer, fake_stripe
):
    admin, _user = login_as(Role.TERRITORY_ADMIN)

    login = portal_client.post("/connexion/", {"username": "personne@example.org", "password": "mauvais"})
    forgotten = portal_client.post("/compte/mot-de-passe-oublie/", {"email": "personne@example.org"})
    language = portal_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    customer_portal = admin.post("/gestion/abonnement/gerer/")
    logout = admin.post("/deconnexion/")

    assert login.status_code == 200  # the form again, with its error
    assert forgotten.status_code == language.status_code == customer_portal.status_code == logout.status_code == 302


def test_within_the_grace_period_the_portal_accepts_changes(territory, portal_client):
    SubscriptionFactory(territory=territory, status=SubscriptionStatus.CANCELED, status_changed_days_ago=13)

    response = portal_client.post("/employeur/inscription/", {"siret": "81000000000001"})

    assert response.status_code == 200  # the form, with its errors: the request went through


def test_another_territory_is_not_affected(read_only, other_portal_client):
    response = other_portal_client.post("/employeur/inscription/", {"siret": "81000000000001"})

    assert response.status_code == 200


# --- The banner ---------------------------------------------------------------------------


def test_the_territory_admin_sees_the_payment_issue_banner(territory, login_as):
    SubscriptionFactory(territory=territory, status=SubscriptionStatus.PAST_DUE)
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    page = unescape(client.get("/gestion/portail/").content.decode())

    assert "Le dernier paiement de l'abonnement a échoué" in page
    assert '<a href="/gestion/abonnement/">Voir l\'abonnement</a>' in page


def test_the_banner_gives_the_date_the_portal_turns_read_only(territory, login_as):
    subscription = SubscriptionFactory(territory=territory, status=SubscriptionStatus.UNPAID)
    subscription.status_changed_at = datetime.datetime(2031, 3, 2, 10, tzinfo=datetime.UTC)
    subscription.save()
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    page = unescape(client.get("/gestion/abonnement/").content.decode())

    assert "le portail passera en lecture seule le 16 mars 2031" in page


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.RECRUITER, Role.CANDIDATE])
def test_only_the_territory_admin_is_shown_the_banner(territory, login_as, role):
    SubscriptionFactory(territory=territory, status=SubscriptionStatus.PAST_DUE)
    admin, _admin = login_as(Role.TERRITORY_ADMIN)
    other, _user = login_as(role)

    assert admin.get("/").context["billing_subscription"]
    assert not other.get("/").context["billing_subscription"]


def test_no_banner_while_the_subscription_is_paid(territory, login_as):
    SubscriptionFactory(territory=territory, status=SubscriptionStatus.ACTIVE)
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    response = client.get("/gestion/portail/")

    assert not response.context["billing_subscription"]
    assert "Voir l'abonnement" not in unescape(response.content.decode())
