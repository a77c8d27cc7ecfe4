"""The territory's settings page lists its Stripe invoices with their PDF; without Stripe keys
it says billing is not configured."""

import datetime
from html import unescape

import pytest

from shared_apps.billing.models import PlanChoice
from tenant_apps.accounts.enums import Role
from tests.billing.conftest import CUSTOMER_ID
from tests.billing.fake_stripe import invoice_object

SETTINGS_PAGE = "/gestion/portail/"
SUBSCRIPTION_PAGE = "/gestion/abonnement/"
CHECKOUT = "/gestion/abonnement/souscrire/"
SEPTEMBER = int(datetime.datetime(2026, 9, 1, 9, tzinfo=datetime.UTC).timestamp())
OCTOBER = int(datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC).timestamp())


@pytest.fixture
def admin_client(login_as):
    return login_as(Role.TERRITORY_ADMIN)[0]


def test_the_settings_page_lists_the_territory_s_invoices_with_their_pdf(admin_client, customer, fake_stripe):
    fake_stripe.invoices = [
        invoice_object("in_oct", customer=CUSTOMER_ID, number="EL-0002", total=18000, status="open", created=OCTOBER),
        invoice_object("in_sep", customer=CUSTOMER_ID, number="EL-0001", total=18000, created=SEPTEMBER),
        invoice_object("in_other", customer="cus_someone_else", number="XX-0001"),
    ]

    page = unescape(admin_client.get(SETTINGS_PAGE).content.decode())

    [query] = fake_stripe.sent("GET", "/v1/invoices")
    assert query == {"customer": CUSTOMER_ID, "limit": "24"}
    assert page.index("EL-0002") < page.index("EL-0001")
    assert "XX-0001" not in page
    assert "1 octobre 2026" in page and "180,00 €" in page
    assert "À payer" in page and "Payée" in page
    assert 'href="https://pay.stripe.com/invoice/acct_fake/in_sep/pdf"' in page
    assert 'href="https://invoice.stripe.com/i/acct_fake/in_oct"' in page  # the open one can be paid online


def test_a_territory_that_never_subscribed_has_no_invoice(admin_client, fake_stripe):
    page = unescape(admin_client.get(SETTINGS_PAGE).content.decode())

    assert "Aucune facture pour le moment." in page
    assert fake_stripe.sent("GET", "/v1/invoices") == []


def test_without_stripe_keys_the_page_says_billing_is_not_configured(admin_client, customer, settings):
    settings.STRIPE_SECRET_KEY = ""

    page = unescape(admin_client.get(SETTINGS_PAGE).content.decode())

    assert "La facturation n'est pas configurée sur cette plateforme" in page


def test_stripe_not_answering_leaves_the_page_usable(admin_client, customer, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there

    response = admin_client.get(SETTINGS_PAGE)

    assert response.status_code == 200
    assert "Le service de paiement ne répond pas" in unescape(response.content.decode())


# --- The plan chosen at onboarding -----------------------------------------------------------


def test_the_plan_chosen_at_onboarding_is_the_one_offered_and_paid(admin_client, plans, territory, fake_stripe):
    PlanChoice.objects.create(territory=territory, plan=plans["large"], chosen_by="equipe@emploi-local.fr")

    page = unescape(admin_client.get(SUBSCRIPTION_PAGE).content.decode())
    admin_client.post(CHECKOUT)

    assert "Formule grand" in page  # not the population band's "Formule moyen"
    [session] = fake_stripe.sent("POST", "/v1/checkout/sessions")
    assert session["line_items[0][price]"] == "price_large"


def test_a_chosen_plan_no_longer_offered_gives_way_to_the_band_s(admin_client, plans, territory):
    PlanChoice.objects.create(territory=territory, plan=plans["large"])
    plans["large"].is_active = False
    plans["large"].save()

    page = unescape(admin_client.get(SUBSCRIPTION_PAGE).content.decode())

    assert "Formule moyen" in page
