"""Billing with Stripe: Checkout to subscribe, the Customer Portal to manage, webhooks to learn.

A territory without any subscription has the full service: demo territories,
pilots and territories the provider serves for free are simply never sent to
Checkout. Once it has subscribed, its latest subscription decides:

- trialing, active: full service;
- past_due, incomplete: full service, with a banner and an e-mail for its admins;
- unpaid, canceled, incomplete_expired, paused: full service for
  BILLING_GRACE_DAYS, then the portal is read-only (see middleware.py).

Webhook payloads are read as of Stripe API version 2025-03-31 or later (the
period end is on the subscription items, an invoice names its subscription
under ``parent.subscription_details``): set the endpoint's version accordingly.
"""

import datetime
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

import stripe
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from shared_apps.billing.enums import ENDED_STATUSES, InvoiceStatus, ServiceLevel
from shared_apps.billing.models import Customer, Plan, Subscription, WebhookEvent
from shared_apps.billing.tasks import send_billing_notice
from tenants.models import Territory

logger = logging.getLogger(__name__)


class BillingError(Exception):
    """A billing request that cannot be carried out; the message says why, in French."""


def stripe_client() -> stripe.StripeClient:
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, base_addresses={"api": settings.STRIPE_API_BASE})


def _from_timestamp(value: int | None) -> datetime.datetime | None:
    return datetime.datetime.fromtimestamp(value, tz=datetime.UTC) if value is not None else None


# --- Service level --------------------------------------------------------------


def service_level(territory: Territory, now: datetime.datetime | None = None) -> ServiceLevel:
    subscription = Subscription.objects.current_for(territory)
    return subscription.service_level(now) if subscription else ServiceLevel.FULL


def can_subscribe(subscription: Subscription | None) -> bool:
    return subscription is None or subscription.status in ENDED_STATUSES


# --- Plans --------------------------------------------------------------------------


def sync_plans() -> list[Plan]:
    """Copy settings.BILLING_PLANS into the Plan table. Plans without a Stripe price
    are not offered; plans no longer offered stay, inactive, for their subscriptions."""
    offered = []
    for row in settings.BILLING_PLANS:
        if row["stripe_price_id"]:
            plan, _created = Plan.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "max_population": row["max_population"],
                    "stripe_price_id": row["stripe_price_id"],
                    "is_active": True,
                },
            )
            offered.append(plan)
    Plan.objects.exclude(pk__in=[plan.pk for plan in offered]).update(is_active=False)
    return offered


# --- Checkout and Customer Portal ---------------------------------------------------


def _customer(territory: Territory, admin) -> Customer:
    existing = Customer.objects.filter(territory=territory).first()
    if existing:
        return existing
    created = stripe_client().v1.customers.create(
        params={
            "email": admin.email,
            "name": territory.name,
            "metadata": {"territory_id": str(territory.pk), "epci_siren": territory.epci_siren or ""},
            "preferred_locales": [translation.get_language()],
        },
        # Two clicks in a row must not give the territory two customers at Stripe.
        options={"idempotency_key": f"territory-{territory.pk}-customer"},
    )
    customer, _created = Customer.objects.get_or_create(
        territory=territory, defaults={"stripe_customer_id": created.id}
    )
    return customer


def start_checkout(territory: Territory, admin, *, success_url: str, cancel_url: str) -> str:
    """A Stripe Checkout session for the territory's plan; returns the page to send the admin to."""
    if not can_subscribe(Subscription.objects.current_for(territory)):
        raise BillingError(_("Le territoire a déjà un abonnement : gérez-le depuis l'espace de facturation."))
    plan = Plan.objects.for_territory(territory)
    if plan is None:
        raise BillingError(_("Aucune formule n'est proposée pour ce territoire : contactez l'équipe Emploi Local."))
    customer = _customer(territory, admin)
    session = stripe_client().v1.checkout.sessions.create(
        params={
            "mode": "subscription",
            "customer": customer.stripe_customer_id,
            "client_reference_id": str(territory.pk),
            "line_items": [{"price": plan.stripe_price_id, "quantity": 1}],
            "success_url": success_url,
            "cancel_url": cancel_url,
            "locale": translation.get_language(),
        }
    )
    return session.url


def customer_portal_url(territory: Territory, *, return_url: str) -> str:
    """A Stripe Customer Portal session: payment method, invoices, cancellation."""
    customer = Customer.objects.filter(territory=territory).first()
    if customer is None:
        raise BillingError(_("Le territoire n'a pas encore souscrit d'abonnement."))
    session = stripe_client().v1.billing_portal.sessions.create(
        params={
            "customer": customer.stripe_customer_id,
            "return_url": return_url,
            "locale": translation.get_language(),
        }
    )
    return session.url


# --- Invoices -----------------------------------------------------------------------

INVOICES_SHOWN = 24


@dataclass(frozen=True)
class Invoice:
    number: str
    created: datetime.datetime
    total: Decimal  # in the currency's unit (euros), tax included
    currency: str
    status: str
    pdf_url: str
    page_url: str

    @property
    def status_label(self) -> str:
        return InvoiceStatus(self.status).label if self.status in InvoiceStatus.values else self.status


@dataclass(frozen=True)
class Invoices:
    """What the territory's settings page shows: ``configured`` is False without Stripe keys,
    ``unavailable`` when Stripe did not answer."""

    configured: bool
    invoices: list[Invoice] = field(default_factory=list)
    unavailable: bool = False


def invoices(territory: Territory) -> Invoices:
    """The territory's latest invoices at Stripe (newest first), with their PDF."""
    if not settings.STRIPE_SECRET_KEY:
        return Invoices(configured=False)
    customer = Customer.objects.filter(territory=territory).first()
    if customer is None:
        return Invoices(configured=True)
    try:
        found = stripe_client().v1.invoices.list(
            params={"customer": customer.stripe_customer_id, "limit": INVOICES_SHOWN}
        )
    except stripe.StripeError:
        logger.exception("Stripe invoices of %s", territory.schema_name)
        return Invoices(configured=True, unavailable=True)
    return Invoices(
        configured=True,
        invoices=[
            Invoice(
                number=invoice.get("number") or invoice["id"],
                created=_from_timestamp(invoice["created"]),
                total=Decimal(invoice.get("total") or 0) / 100,
                currency=(invoice.get("currency") or "eur").upper(),
                status=invoice.get("status") or "",
                pdf_url=invoice.get("invoice_pdf") or "",
                page_url=invoice.get("hosted_invoice_url") or "",
            )
            for invoice in (item.to_dict() for item in found.data)
            if invoice.get("status") != "draft"  # not sent yet: no number, no PDF
        ],
    )


# --- Webhooks -----------------------------------------------------------------------


def handle_event(event: dict) -> bool:
    """Apply a Stripe event whose signature has been checked; False if it was already received.

    The event is recorded in the same transaction as its effects: if applying it
    fails, Stripe's next delivery finds no record and applies it again.
    """
    with transaction.atomic():
        _record, created = WebhookEvent.objects.get_or_create(
            stripe_event_id=event["id"],
            defaults={"type": event["type"], "created": _from_timestamp(event["created"]), "payload": event},
        )
        if not created:
            return False
        handler = EVENT_HANDLERS.get(event["type"])
        if handler:
            handler(event["data"]["object"], _from_timestamp(event["created"]))
    return True


def _on_checkout_completed(session: dict, at: datetime.datetime) -> None:
    reference = session.get("client_reference_id") or ""
    if session.get("mode") != "subscription" or not reference.isdigit():
        return
    territory = Territory.objects.portals().filter(pk=int(reference)).first()
    if territory is None:
        logger.warning("Stripe checkout %s for an unknown territory %s", session["id"], reference)
        return
    # The session does not describe the subscription: ask Stripe for it.
    _apply_subscription(_fetch_subscription(session["subscription"]), at, territory=territory, fetched=True)


def _on_invoice(invoice: dict, at: datetime.datetime) -> None:
    # A paid or failed invoice moves its subscription (to active, past_due...): ask Stripe where it stands.
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    if details.get("subscription"):
        _apply_subscription(_fetch_subscription(details["subscription"]), at, fetched=True)


def _fetch_subscription(subscription_id: str) -> dict:
    return stripe_client().v1.subscriptions.retrieve(subscription_id).to_dict(for_json=True)


def _apply_subscription(
    snapshot: dict, at: datetime.datetime, *, territory: Territory | None = None, fetched: bool = False
) -> None:
    """Store a subscription as ``snapshot`` describes it, ``at`` being the Stripe time of the event.

    Events arrive in any order. A snapshot carried by an event older than the
    last applied one is ignored; one of the same second is ambiguous (Stripe's
    times are in seconds), so Stripe is asked for the subscription instead. A
    ``fetched`` snapshot is current, whatever the age of the event that led to it.
    """
    if territory is None:
        customer = Customer.objects.select_related("territory").filter(stripe_customer_id=snapshot["customer"]).first()
        if customer is None:
            logger.warning("Stripe subscription %s of an unknown customer %s", snapshot["id"], snapshot["customer"])
            return
        territory = customer.territory
    subscription, created = Subscription.objects.select_for_update().get_or_create(
        stripe_subscription_id=snapshot["id"],
        defaults={
            "territory": territory,
            "status": snapshot["status"],
            "started_at": _from_timestamp(snapshot["created"]),
            "status_changed_at": at,
            "last_event_at": at,
        },
    )
    if not created and not fetched:
        if at < subscription.last_event_at:
            return
        if at == subscription.last_event_at:
            snapshot = _fetch_subscription(snapshot["id"])
    status_changed = created or subscription.status != snapshot["status"]
    item = snapshot["items"]["data"][0]
    subscription.status = snapshot["status"]
    subscription.plan = Plan.objects.filter(stripe_price_id=item["price"]["id"]).first()
    subscription.current_period_end = _from_timestamp(item.get("current_period_end"))
    subscription.cancel_at_period_end = snapshot.get("cancel_at_period_end", False)
    subscription.last_event_at = max(at, subscription.last_event_at)
    if status_changed:
        subscription.status_changed_at = subscription.last_event_at
    subscription.save()
    if status_changed and subscription.service_level() != ServiceLevel.FULL:
        _notify_admins(subscription)


def _notify_admins(subscription: Subscription) -> None:
    transaction.on_commit(partial(send_billing_notice.delay, subscription.pk, subscription.status))


EVENT_HANDLERS = {
    "checkout.session.completed": _on_checkout_completed,
    "customer.subscription.created": _apply_subscription,
    "customer.subscription.updated": _apply_subscription,
    "customer.subscription.deleted": _apply_subscription,
    "invoice.paid": _on_invoice,
    "invoice.payment_failed": _on_invoice,
}
