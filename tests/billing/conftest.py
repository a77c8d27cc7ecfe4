import hashlib
import hmac
import itertools
import json
import time

import pytest

from tests.billing.factories import CustomerFactory, PlanFactory
from tests.billing.fake_stripe import FakeStripe

WEBHOOK_SECRET = "whsec_test_secret"
WEBHOOK_URL = "/stripe/webhook/"
CUSTOMER_ID = "cus_hauts_de_flandre"

_event_ids = itertools.count(1)


@pytest.fixture(autouse=True)
def stripe_settings(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.BILLING_GRACE_DAYS = 14


@pytest.fixture
def fake_stripe(settings):
    with FakeStripe() as fake:
        settings.STRIPE_API_BASE = fake.url
        yield fake


@pytest.fixture
def plans(db):
    """Three population bands; the test territory (54,603 inhabitants) is in the middle one."""
    return {
        "small": PlanFactory(code="petit", max_population=20_000, stripe_price_id="price_small"),
        "medium": PlanFactory(code="moyen", max_population=100_000, stripe_price_id="price_medium"),
        "large": PlanFactory(code="grand", max_population=None, stripe_price_id="price_large"),
    }


@pytest.fixture
def customer(territory):
    """The test territory is already Stripe's customer (it went through Checkout once)."""
    return CustomerFactory(territory=territory, stripe_customer_id=CUSTOMER_ID)


def stripe_event(event_type: str, data_object: dict, *, created: int | None = None) -> dict:
    """An event as Stripe sends it to a webhook endpoint."""
    return {
        "id": f"evt_test{next(_event_ids)}",
        "object": "event",
        "api_version": "2026-10-28.endive",
        "created": created or int(time.time()),
        "type": event_type,
        "data": {"object": data_object},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
    }


def stripe_signature(payload: str, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The Stripe-Signature header, computed as Stripe does: HMAC-SHA256 of "<timestamp>.<payload>"."""
    timestamp = timestamp or int(time.time())
    digest = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@pytest.fixture
def deliver(provider_client):
    """``deliver(event)`` posts a signed event to the webhook on the provider site, as Stripe would."""

    def post(event: dict, signature: str | None = None):
        payload = json.dumps(event)
        return provider_client.post(
            WEBHOOK_URL,
            payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature or stripe_signature(payload),
        )

    return post
