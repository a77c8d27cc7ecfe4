"""The territory admin subscribes through Stripe Checkout and manages the subscription
in Stripe's Customer Portal; nobody else reaches these pages."""

import socket
from html import unescape

import pytest

from shared_apps.billing.enums import SubscriptionStatus
from shared_apps.billing.models import Customer
from tenant_apps.accounts.enums import Role
from tests.billing.conftest import CUSTOMER_ID
from tests.billing.factories import SubscriptionFactory
from tests.conftest import TERRITORY_DOMAIN

PAGE = "/gestion/abonnement/"
CHECKOUT = "/gestion/abonnement/souscrire/"
CUSTOMER_PORTAL = "/gestion/abonnement/gerer/"


@pytest.fixture
def admin(login_as):
    return login_as(Role.TERRITORY_ADMIN, email="elue@test.example.org")


def test_a_territory_without_subscription_is_offered_the_plan_of_its_population(admin, plans):
    client, _user = admin

    page = client.get(PAGE).content.decode()

    assert "Le portail n'a pas d'abonnement payant" in page
    assert "Formule du territoire (54603 habitants) : Formule moyen." in page
    assert 'action="/gestion/abonnement/souscrire/"' in page
    assert 'action="/gestion/abonnement/gerer/"' not in page  # not Stripe's customer yet


def test_checkout_sends_the_admin_to_stripe_for_their_own_territory(admin, plans, territory, fake_stripe):
    client, _user = admin

    response = client.post(CHECKOUT)

    [customer] = fake_stripe.sent("POST", "/v1/customers")
    assert customer["email"] == "elue@test.example.org"
    assert customer["name"] == "CC des Hauts de Flandre"
    assert customer["metadata[territory_id]"] == str(territory.pk)
    stripe_customer = Customer.objects.get(territory=territory).stripe_customer_id
    [session] = fake_stripe.sent("POST", "/v1/checkout/sessions")
    assert session == {
        "mode": "subscription",
        "customer": stripe_customer,
        "client_reference_id": str(territory.pk),
        "line_items[0][price]": "price_medium",
        "line_items[0][quantity]": "1",
        "success_url": "http://test.localhost/gestion/abonnement/?paiement=ok",
        "cancel_url": "http://test.localhost/gestion/abonnement/?paiement=annule",
        "locale": "fr",
    }
    assert response.status_code == 302
    assert response.url.startswith("https://checkout.stripe.com/c/pay/cs_test_")


def test_a_second_checkout_reuses_the_territory_s_stripe_customer(admin, plans, customer, fake_stripe):
    client, _user = admin

    client.post(CHECKOUT)

    assert fake_stripe.sent("POST", "/v1/customers") == []
    assert fake_stripe.sent("POST", "/v1/checkout/sessions")[0]["customer"] == CUSTOMER_ID


def test_a_territory_with_a_live_subscription_manages_it_instead_of_subscribing_again(
    admin, plans, customer, territory, fake_stripe
):
    client, _user = admin
    SubscriptionFactory(territory=territory, status=SubscriptionStatus.PAST_DUE, plan=plans["medium"])

    page = client.get(PAGE).content.decode()
    response = client.post(CHECKOUT, follow=True)

    assert "Paiement en retard" in page
    assert 'action="/gestion/abonnement/souscrire/"' not in page
    assert 'action="/gestion/abonnement/gerer/"' in page
    assert "Le territoire a déjà un abonnement" in response.content.decode()
    assert fake_stripe.requests == []


def test_a_canceled_subscription_can_be_replaced_through_checkout(admin, plans, customer, territory, fake_stripe):
    client, _user = admin
    SubscriptionFactory(territory=territory, status=SubscriptionStatus.CANCELED)

    response = client.post(CHECKOUT)

    assert response.url.startswith("https://checkout.stripe.com/")


def test_without_a_plan_for_its_population_the_territory_cannot_subscribe(admin, fake_stripe):
    client, _user = admin

    response = client.post(CHECKOUT, follow=True)

    assert "Aucune formule n'est proposée pour ce territoire" in response.content.decode()
    assert fake_stripe.requests == []


def test_the_customer_portal_returns_to_the_territory_s_own_page(admin, customer, fake_stripe):
    client, _user = admin

    response = client.post(CUSTOMER_PORTAL)

    assert fake_stripe.sent("POST", "/v1/billing_portal/sessions") == [
        {"customer": CUSTOMER_ID, "return_url": "http://test.localhost/gestion/abonnement/", "locale": "fr"}
    ]
    assert response.status_code == 302
    assert response.url.startswith("https://billing.stripe.com/p/session/")


def test_the_customer_portal_needs_a_first_subscription(admin, fake_stripe):
    client, _user = admin

    response = client.post(CUSTOMER_PORTAL, follow=True)

    assert "Le territoire n'a pas encore souscrit d'abonnement." in unescape(response.content.decode())
    assert fake_stripe.requests == []


def test_stripe_out_of_reach_gives_a_message_not_an_error(admin, customer, settings):
    client, _user = admin
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        settings.STRIPE_API_BASE = f"http://127.0.0.1:{unused.getsockname()[1]}"  # nobody listens there

        response = client.post(CUSTOMER_PORTAL, follow=True)

    assert "Le service de paiement ne répond pas." in response.content.decode()


def test_coming_back_from_checkout_the_admin_is_told_what_happens(admin):
    client, _user = admin

    assert "Stripe confirme le paiement" in client.get(PAGE, {"paiement": "ok"}).content.decode()
    assert "Paiement annulé" in client.get(PAGE, {"paiement": "annule"}).content.decode()


def test_the_portal_settings_page_links_to_the_subscription(admin):
    client, _user = admin

    assert 'href="/gestion/abonnement/"' in client.get("/gestion/portail/").content.decode()


# --- Who may ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(portal_client, fake_stripe):
    for url in (PAGE, CHECKOUT, CUSTOMER_PORTAL):
        response = portal_client.post(url) if url != PAGE else portal_client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/connexion/?next=")
    assert fake_stripe.requests == []


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.RECRUITER, Role.PARTNER, Role.CANDIDATE])
def test_other_roles_of_the_territory_are_refused(login_as, role, plans, fake_stripe):
    client, _user = login_as(role)

    assert client.get(PAGE).status_code == 403
    assert client.post(CHECKOUT).status_code == 403
    assert client.post(CUSTOMER_PORTAL).status_code == 403
    assert fake_stripe.requests == []


def test_the_other_territory_s_admin_cannot_subscribe_for_this_territory(login_as, other_territory, plans, fake_stripe):
    client, _other_admin = login_as(Role.TERRITORY_ADMIN, on=other_territory)

    # Their session belongs to their own territory's schema: here they are a stranger.
    page = client.get(PAGE, HTTP_HOST=TERRITORY_DOMAIN)
    checkout = client.post(CHECKOUT, HTTP_HOST=TERRITORY_DOMAIN)

    assert page.status_code == checkout.status_code == 302
    assert checkout.url.startswith("/connexion/")
    assert fake_stripe.requests == []


def test_checkout_is_for_the_portal_s_own_territory_only(login_as, other_territory, plans, fake_stripe):
    client, _other_admin = login_as(Role.TERRITORY_ADMIN, on=other_territory)

    client.post(CHECKOUT)

    [session] = fake_stripe.sent("POST", "/v1/checkout/sessions")
    assert session["client_reference_id"] == str(other_territory.pk)
    assert session["line_items[0][price]"] == "price_large"  # 104,360 inhabitants
    assert session["success_url"].startswith("http://other.localhost/")


def test_checkout_only_answers_post(admin):
    client, _user = admin

    assert client.get(CHECKOUT).status_code == 405
