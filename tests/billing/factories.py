import datetime

import factory
from django.utils import timezone

from shared_apps.billing.enums import SubscriptionStatus
from shared_apps.billing.models import Customer, Plan, Subscription, WebhookEvent


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"formule-{n}")
    name = factory.LazyAttribute(lambda plan: f"Formule {plan.code}")
    max_population = None
    stripe_price_id = factory.LazyAttribute(lambda plan: f"price_{plan.code}")


class CustomerFactory(factory.django.DjangoModelFactory):
    """Needs ``territory``: the test territory's row is not made by factories."""

    class Meta:
        model = Customer

    stripe_customer_id = factory.Sequence(lambda n: f"cus_test{n}")


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """Needs ``territory``. ``status_changed_days_ago`` backdates the current status."""

    class Meta:
        model = Subscription

    class Params:
        status_changed_days_ago = 0

    stripe_subscription_id = factory.Sequence(lambda n: f"sub_test{n}")
    plan = factory.SubFactory(PlanFactory)
    status = SubscriptionStatus.ACTIVE
    started_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=60))
    current_period_end = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))
    status_changed_at = factory.LazyAttribute(
        lambda subscription: timezone.now() - datetime.timedelta(days=subscription.status_changed_days_ago)
    )
    last_event_at = factory.SelfAttribute("status_changed_at")


class WebhookEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebhookEvent

    stripe_event_id = factory.Sequence(lambda n: f"evt_test{n}")
    type = "customer.subscription.updated"
    created = factory.LazyFunction(timezone.now)
    payload = factory.LazyAttribute(lambda event: {"id": event.stripe_event_id, "type": event.type})
