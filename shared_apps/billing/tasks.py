from django.conf import settings
from django.urls import reverse

from platform.celery import app
from shared_apps.billing.enums import PAYMENT_DUE_STATUSES
from shared_apps.billing.models import Subscription
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.outbox.services import queue_mail


@app.task
def send_billing_notice(subscription_id: int, status: str) -> int:
    """E-mail the territory's admins that its subscription has reached ``status``, unless
    it has moved on since or another subscription has replaced it; returns the recipients' count."""
    subscription = Subscription.objects.select_related("territory").get(pk=subscription_id)
    territory = subscription.territory
    if subscription.status != status or Subscription.objects.current_for(territory) != subscription:
        return 0
    with territory:  # its admins live in its schema
        recipients = list(
            User.objects.filter(role=Role.TERRITORY_ADMIN, is_active=True).values_list("email", flat=True)
        )
    if not recipients:
        return 0
    template = (
        "billing/emails/payment_issue.txt" if status in PAYMENT_DUE_STATUSES else "billing/emails/service_ending.txt"
    )
    page_url = territory.portal_url().rstrip("/") + reverse("billing:subscription", urlconf=settings.ROOT_URLCONF)
    queue_mail(template, recipients, {"subscription": subscription, "territory": territory, "url": page_url})
    return len(recipients)
