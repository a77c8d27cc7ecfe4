from django.utils.functional import SimpleLazyObject

from shared_apps.billing.enums import ServiceLevel
from shared_apps.billing.models import Subscription
from tenant_apps.accounts.enums import Role
from tenants.enums import TerritoryKind


def billing(request):
    """Template context: ``billing_subscription``, the portal's current subscription when
    its service is not full and the visitor is its territory admin, else None.

    Lazy: pages that do not show the banner run no query for it.
    """

    def subscription_needing_attention():
        tenant = getattr(request, "tenant", None)
        if getattr(tenant, "kind", None) != TerritoryKind.TERRITORY:
            return None
        if not (request.user.is_authenticated and request.user.has_role(Role.TERRITORY_ADMIN)):
            return None
        subscription = Subscription.objects.current_for(tenant)
        return subscription if subscription and subscription.service_level() != ServiceLevel.FULL else None

    return {"billing_subscription": SimpleLazyObject(subscription_needing_attention)}
