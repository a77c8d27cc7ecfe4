"""The support access, seen from a territory's portal."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from shared_apps.provider.models import ProviderSupportGrant
from shared_apps.provider.services import ConsoleError, enter_support
from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role


@never_cache
def enter(request, token):
    """The one-time link of a support grant: logs its holder in as the support user."""
    try:
        entry = enter_support(request, token)
    except ConsoleError as error:
        return render(request, "provider/support_refused.html", {"message": str(error)}, status=403)
    messages.info(
        request,
        _("Accès support ouvert jusqu'à %(time)s : chacune de vos actions est journalisée.")
        % {"time": timezone.localtime(entry.grant.expires_at).strftime("%H:%M")},
    )
    return redirect("portal_settings")


@role_required(Role.TERRITORY_ADMIN)
def grants(request):
    """The territory admin sees every support access to their portal: who, why, when."""
    territory_grants = ProviderSupportGrant.objects.filter(territory=request.tenant)
    return render(request, "provider/support_grants.html", {"grants": territory_grants})
