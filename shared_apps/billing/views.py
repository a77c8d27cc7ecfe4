import logging

import stripe
from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from shared_apps.billing import services
from shared_apps.billing.models import Customer, Plan, Subscription
from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role

logger = logging.getLogger(__name__)


# --- The territory admin's pages, on the portal ------------------------------------


@role_required(Role.TERRITORY_ADMIN)
def subscription(request):
    territory = request.tenant
    current = Subscription.objects.current_for(territory)
    return render(
        request,
        "billing/subscription.html",
        {
            "subscription": current,
            "plan": Plan.objects.for_territory(territory),
            "can_subscribe": services.can_subscribe(current),
            "has_customer": Customer.objects.filter(territory=territory).exists(),
            "checkout": request.GET.get("paiement"),
        },
    )


def _subscription_page(request) -> str:
    # The host the admin is on: one of the territory's domains, checked by the tenant middleware.
    return request.build_absolute_uri(reverse("billing:subscription"))


def _payment_service_unavailable(request):
    logger.exception("Stripe request failed for %s", request.tenant.schema_name)
    messages.error(request, _("Le service de paiement ne répond pas. Réessayez dans quelques minutes."))
    return redirect("billing:subscription")


@role_required(Role.TERRITORY_ADMIN)
@require_POST
def checkout(request):
    page = _subscription_page(request)
    try:
        url = services.start_checkout(
            request.tenant, request.user, success_url=f"{page}?paiement=ok", cancel_url=f"{page}?paiement=annule"
        )
    except services.BillingError as error:
        messages.error(request, str(error))
        return redirect("billing:subscription")
    except stripe.StripeError:
        return _payment_service_unavailable(request)
    return redirect(url)


@role_required(Role.TERRITORY_ADMIN)
@require_POST
def customer_portal(request):
    try:
        url = services.customer_portal_url(request.tenant, return_url=_subscription_page(request))
    except services.BillingError as error:
        messages.error(request, str(error))
        return redirect("billing:subscription")
    except stripe.StripeError:
        return _payment_service_unavailable(request)
    return redirect(url)


# --- Stripe's webhook, on the provider site -----------------------------------------


def _invalid_event():
    return JsonResponse({"error": _("Signature ou contenu de l'événement invalide.")}, status=400)


@csrf_exempt  # Stripe signs its requests instead
@require_POST
def webhook(request):
    if not settings.STRIPE_WEBHOOK_SECRET:
        return _invalid_event()  # an empty secret would accept anybody's signature
    try:
        event = stripe.Webhook.construct_event(
            request.body, request.headers.get("Stripe-Signature"), settings.STRIPE_WEBHOOK_SECRET
        )
    except (ValueError, stripe.SignatureVerificationError):
        return _invalid_event()
    applied = services.handle_event(event.to_dict(for_json=True))
    return JsonResponse({"received": True, "duplicate": not applied})
