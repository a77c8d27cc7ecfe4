"""Provider staff follow each territory's subscription in the provider site's admin;
plans come from the settings."""

import pytest
from django.core.management import call_command
from django_tenants.utils import schema_context

from shared_apps.billing.enums import SubscriptionStatus
from shared_apps.billing.models import Plan
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tests.accounts.factories import DEFAULT_PASSWORD, verify_second_factor
from tests.billing.factories import CustomerFactory, SubscriptionFactory, WebhookEventFactory


@pytest.fixture
def staff_client(provider_client):
    with schema_context("public"):  # the test client logs in within the current schema
        staff = User.objects.create_superuser("equipe@emploi-local.fr", DEFAULT_PASSWORD)
        provider_client.force_login(staff)
        verify_second_factor(provider_client, staff)  # the admin wants the second factor
    return provider_client


def test_provider_staff_see_each_territory_s_subscription_state(staff_client, territory, other_territory):
    SubscriptionFactory(territory=territory, status=SubscriptionStatus.PAST_DUE)
    SubscriptionFactory(territory=other_territory, status=SubscriptionStatus.CANCELED, status_changed_days_ago=30)

    page = staff_client.get("/admin/billing/subscription/").content.decode()

    assert "CC des Hauts de Flandre" in page and "Paiement en retard" in page and "Problème de paiement" in page
    assert "CA Coeur de Flandre" in page and "Résilié" in page and "Lecture seule" in page


def test_billing_is_read_only_in_the_admin_stripe_is_where_it_changes(staff_client, territory):
    subscription = SubscriptionFactory(territory=territory)
    customer = CustomerFactory(territory=territory)
    event = WebhookEventFactory()

    for model, obj in (("subscription", subscription), ("customer", customer), ("webhookevent", event)):
        assert staff_client.get(f"/admin/billing/{model}/{obj.pk}/change/").status_code == 200
        assert staff_client.get(f"/admin/billing/{model}/add/").status_code == 403
    assert staff_client.get("/admin/billing/plan/").status_code == 200


def test_a_portal_admin_does_not_see_billing(login_as):
    client, _staff = login_as(Role.TERRITORY_ADMIN, is_staff=True, is_superuser=True)

    assert "/admin/billing/" not in client.get("/admin/").content.decode()
    assert client.get("/admin/billing/subscription/").status_code == 403


def test_plans_are_copied_from_the_settings_and_kept_when_withdrawn(db, settings, capsys):
    settings.BILLING_PLANS = [
        {"code": "petit", "name": "Jusqu'à 20 000 habitants", "max_population": 20_000, "stripe_price_id": "price_1"},
        {"code": "grand", "name": "Au-delà", "max_population": None, "stripe_price_id": "price_2"},
        {"code": "sur-mesure", "name": "Sur mesure", "max_population": None, "stripe_price_id": ""},
    ]

    call_command("sync_plans")
    assert "Jusqu'à 20 000 habitants : price_1" in capsys.readouterr().out
    settings.BILLING_PLANS = settings.BILLING_PLANS[1:]
    call_command("sync_plans")

    assert list(Plan.objects.values_list("code", "stripe_price_id", "is_active")) == [
        ("petit", "price_1", False),
        ("grand", "price_2", True),
    ]
    assert Plan.objects.for_population(5_000).code == "grand"


@pytest.mark.parametrize(("population", "plan"), [(0, "petit"), (20_000, "petit"), (20_001, "grand")])
def test_a_territory_takes_the_smallest_band_that_holds_its_population(db, settings, population, plan):
    settings.BILLING_PLANS = [
        {"code": "grand", "name": "Au-delà", "max_population": None, "stripe_price_id": "price_2"},
        {"code": "petit", "name": "Petit", "max_population": 20_000, "stripe_price_id": "price_1"},
    ]
    call_command("sync_plans")

    assert Plan.objects.for_population(population).code == plan
