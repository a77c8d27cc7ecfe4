from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role
from tenant_apps.outbox import services
from tenant_apps.outbox.models import OutboxMessage


@role_required(Role.TERRITORY_ADMIN)
def failed(request):
    """The territory's messages that could not be sent, with their error."""
    context = {
        "failed": OutboxMessage.objects.failed()[:200],
        "pending_count": OutboxMessage.objects.pending().count(),
    }
    return render(request, "outbox/failed.html", context)


@require_POST
@role_required(Role.TERRITORY_ADMIN)
def retry(request, pk):
    services.retry(get_object_or_404(OutboxMessage.objects.failed(), pk=pk))
    messages.success(request, _("Le message est reparti."))
    return redirect("outbox:failed")
