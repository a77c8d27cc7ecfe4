"""Stripe tells the provider site what happens to subscriptions: signed events,
each applied once, in whatever order they arrive."""

import datetime
import json
import time

from django.utils import timezone

from shared_apps.billing.enums import SubscriptionStatus
from shared_apps.billing.models import Subscription, WebhookEvent
from shared_apps.billing.tasks import send_billing_notice
from tests.billing.conftest import CUSTOMER_ID, WEBHOOK_URL, stripe_event, stripe_signature
from tests.billing.factories import SubscriptionFactory
from tests.billing.fake_stripe import subscription_object

NOW = int(time.time())


def at(timestamp: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)


def subscription_event(event_type, status, *, created=NOW, subscription_id="sub_hauts", **fields):
    snapshot = subscription_object(subscription_id, customer=CUSTOMER_ID, status=status, created=NOW - 3600, **fields)
    return stripe_event(event_type, snapshot, created=created)


def invoice_event(event_type, subscription_id="sub_hauts", *, created=NOW):
    invoice = {
        "id": "in_test1",
        "object": "invoice",
        "customer": CUSTOMER_ID,
        "status": "paid" if event_type == "invoice.paid" else "open",
        "amount_due": 15000,
        "hosted_invoice_url": "https://invoice.stripe.com/i/test",
        "parent": {
            "type": "subscription_details",
            "subscription_details": {"subscription": subscription_id, "metadata": {}},
            "quote_details": None,
        },
    }
    return stripe_event(event_type, invoice, created=created)


# --- Signatures --------------------------------------------------------------------------


def test_a_signed_event_is_applied_and_recorded(deliver, customer, plans, territory):
    event = subscription_event("customer.subscription.created", "active", price="price_medium")

    response = deliver(event)

    assert response.status_code == 200
    assert response.json() == {"received": True, "duplicate": False}
    subscription = Subscription.objects.get()
    assert (subscription.territory, subscription.status, subscription.plan) == (
        territory,
        SubscriptionStatus.ACTIVE,
        plans["medium"],
    )
    assert subscription.started_at == at(NOW - 3600)
    assert subscription.current_period_end == at(NOW - 3600 + 30 * 24 * 3600)
    recorded = WebhookEvent.objects.get()
    assert (recorded.stripe_event_id, recorded.type, recorded.created) == (event["id"], event["type"], at(NOW))
    assert recorded.payload["data"]["object"]["id"] == "sub_hauts"


def test_a_bad_signature_is_refused_with_a_400_and_changes_nothing(deliver, customer):
    event = subscription_event("customer.subscription.created", "active")
    payload = json.dumps(event)
    refused = [
        stripe_signature(payload, secret="whsec_someone_else"),
        stripe_signature(json.dumps({**event, "id": "evt_other"})),  # the signature of another body
        stripe_signature(payload, timestamp=NOW - 3600),  # an old delivery, replayed by someone
        "t=123,v1=not-a-signature",
    ]

    for signature in refused:
        response = deliver(event, signature=signature)
        assert response.status_code == 400
        assert response.json() == {"error": "Signature ou contenu de l'événement invalide."}
    assert not WebhookEvent.objects.exists()
    assert not Subscription.objects.exists()


def test_without_a_configured_secret_every_event_is_refused(deliver, customer, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    event = subscription_event("customer.subscription.created", "active")

    response = deliver(event, signature=stripe_signature(json.dumps(event), secret=""))

    assert response.status_code == 400
    assert not Subscription.objects.exists()


def test_the_webhook_is_on_the_provider_site_only(portal_client, customer):
    payload = json.dumps(subscription_event("customer.subscription.created", "active"))

    response = portal_client.post(
        WEBHOOK_URL, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=stripe_signature(payload)
    )

    assert response.status_code == 404
    assert not Subscription.objects.exists()


# --- Redeliveries and order ----------------------------------------------------------------


def test_a_redelivered_event_changes_nothing(deliver, customer):
    past_due = subscription_event("customer.subscription.updated", "past_due", created=NOW - 60)
    deliver(past_due)
    deliver(subscription_event("customer.subscription.updated", "active", created=NOW))

    response = deliver(past_due)

    assert response.status_code == 200
    assert response.json() == {"received": True, "duplicate": True}
    assert Subscription.objects.get().status == SubscriptionStatus.ACTIVE
    assert WebhookEvent.objects.filter(stripe_event_id=past_due["id"]).count() == 1


def test_an_older_update_arriving_late_does_not_bring_back_an_old_status(deliver, customer):
    deliver(subscription_event("customer.subscription.updated", "active", created=NOW))

    deliver(subscription_event("customer.subscription.updated", "past_due", created=NOW - 10))

    subscription = Subscription.objects.get()
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.last_event_at == at(NOW)


def test_two_updates_of_the_same_second_ask_stripe_which_is_current(deliver, customer, fake_stripe):
    fake_stripe.subscriptions["sub_hauts"] = subscription_object("sub_hauts", customer=CUSTOMER_ID, status="past_due")
    deliver(subscription_event("customer.subscription.updated", "past_due", created=NOW))

    deliver(subscription_event("customer.subscription.updated", "active", created=NOW))

    assert Subscription.objects.get().status == SubscriptionStatus.PAST_DUE
    assert fake_stripe.sent("GET", "/v1/subscriptions/sub_hauts") == [{}]


def test_an_event_of_an_unknown_customer_is_recorded_and_ignored(deliver, db):
    event = subscription_event("customer.subscription.created", "active")

    assert deliver(event).status_code == 200

    assert WebhookEvent.objects.filter(stripe_event_id=event["id"]).exists()
    assert not Subscription.objects.exists()


def test_an_event_type_without_effect_is_recorded(deliver, customer):
    event = stripe_event("customer.updated", {"id": CUSTOMER_ID, "object": "customer"})

    assert deliver(event).json() == {"received": True, "duplicate": False}

    assert WebhookEvent.objects.get().type == "customer.updated"


# --- Each event's effect -------------------------------------------------------------------


def test_a_completed_checkout_gives_the_territory_its_subscription_as_stripe_has_it(
    deliver, customer, plans, territory, fake_stripe
):
    fake_stripe.subscriptions["sub_new"] = subscription_object(
        "sub_new", customer=CUSTOMER_ID, status="trialing", price="price_medium"
    )
    session = {
        "id": "cs_test_1",
        "object": "checkout.session",
        "mode": "subscription",
        "status": "complete",
        "client_reference_id": str(territory.pk),
        "customer": CUSTOMER_ID,
        "subscription": "sub_new",
    }

    deliver(stripe_event("checkout.session.completed", session))

    subscription = Subscription.objects.get()
    assert (subscription.territory, subscription.stripe_subscription_id, subscription.status, subscription.plan) == (
        territory,
        "sub_new",
        SubscriptionStatus.TRIALING,
        plans["medium"],
    )
    assert fake_stripe.sent("GET", "/v1/subscriptions/sub_new") == [{}]


def test_a_failed_payment_warns_the_territory_admins_by_e_mail_after_commit(
    deliver, customer, fake_stripe, territory, mailoutbox, django_capture_on_commit_callbacks
):
    SubscriptionFactory(territory=territory, stripe_subscription_id="sub_hauts")
    fake_stripe.subscriptions["sub_hauts"] = subscription_object("sub_hauts", customer=CUSTOMER_ID, status="past_due")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        deliver(invoice_event("invoice.payment_failed"))
        assert not mailoutbox  # nothing is sent before the transaction commits

    assert len(callbacks) == 2  # the notice's task, then the e-mail it wrote in the outbox
    assert Subscription.objects.get().status == SubscriptionStatus.PAST_DUE
    [mail] = mailoutbox
    assert mail.to == ["admin@test.example.org"]
    assert mail.subject == "Paiement de l'abonnement Emploi Local de CC des Hauts de Flandre en échec"
    assert "http://test.localhost:8000/gestion/abonnement/" in mail.body


def test_a_paid_invoice_brings_a_late_subscription_back_to_active_without_e_mail(
    deliver, customer, fake_stripe, territory, django_capture_on_commit_callbacks
):
    SubscriptionFactory(territory=territory, stripe_subscription_id="sub_hauts", status=SubscriptionStatus.PAST_DUE)
    fake_stripe.subscriptions["sub_hauts"] = subscription_object("sub_hauts", customer=CUSTOMER_ID, status="active")

    with django_capture_on_commit_callbacks() as callbacks:
        deliver(invoice_event("invoice.paid"))

    assert Subscription.objects.get().status == SubscriptionStatus.ACTIVE
    assert not callbacks


def test_a_deleted_subscription_starts_the_grace_period_and_says_when_it_ends(
    deliver, customer, territory, mailoutbox, django_capture_on_commit_callbacks
):
    SubscriptionFactory(territory=territory, stripe_subscription_id="sub_hauts", last_event_at=at(NOW - 3600))
    deleted_at = int(datetime.datetime(2031, 3, 2, 10, tzinfo=datetime.UTC).timestamp())

    with django_capture_on_commit_callbacks(execute=True):
        deliver(subscription_event("customer.subscription.deleted", "canceled", created=deleted_at))

    subscription = Subscription.objects.get()
    assert subscription.status == SubscriptionStatus.CANCELED
    assert subscription.status_changed_at == at(deleted_at)
    assert subscription.read_only_from == at(deleted_at) + datetime.timedelta(days=14)
    [mail] = mailoutbox
    assert mail.subject == "Abonnement Emploi Local de CC des Hauts de Flandre interrompu"
    assert "À partir du 16 mars 2031, le portail passera en lecture seule" in mail.body


def test_a_cancellation_at_period_end_is_recorded_and_the_service_goes_on(deliver, customer, territory):
    SubscriptionFactory(territory=territory, stripe_subscription_id="sub_hauts", last_event_at=at(NOW - 3600))

    deliver(subscription_event("customer.subscription.updated", "active", cancel_at_period_end=True))

    subscription = Subscription.objects.get()
    assert subscription.cancel_at_period_end
    assert subscription.status == SubscriptionStatus.ACTIVE


def test_the_notice_is_not_sent_once_the_payment_is_settled(territory, mailoutbox):
    subscription = SubscriptionFactory(territory=territory, status=SubscriptionStatus.ACTIVE)

    assert send_billing_notice(subscription.pk, SubscriptionStatus.PAST_DUE) == 0

    assert not mailoutbox


def test_the_notice_of_a_replaced_subscription_is_not_sent(territory, mailoutbox):
    old = SubscriptionFactory(territory=territory, status=SubscriptionStatus.CANCELED)
    SubscriptionFactory(territory=territory, started_at=timezone.now())

    assert send_billing_notice(old.pk, SubscriptionStatus.CANCELED) == 0

    assert not mailoutbox


def test_an_unknown_price_leaves_the_plan_empty(deliver, customer, plans):
    deliver(subscription_event("customer.subscription.created", "active", price="price_custom_deal"))

    assert Subscription.objects.get().plan is None
