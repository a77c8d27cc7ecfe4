"""The provider console's page of cross-territory admins' grants (/console/supervision/):
provider staff only, like every console page."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shared_apps.oversight import services
from shared_apps.oversight.forms import GrantForm
from shared_apps.oversight.models import OversightGrant
from shared_apps.provider.services import ConsoleError
from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role

staff_only = role_required(Role.PROVIDER_STAFF)


def _page(request, form, status=200):
    grants = OversightGrant.objects.for_list()
    return render(request, "provider/console/oversight.html", {"form": form, "grants": grants}, status=status)


@staff_only
def grants(request):
    return _page(request, GrantForm())


@staff_only
@require_POST
def add_grant(request):
    form = GrantForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.grant(request.user, data["user"], territory=data["territory"], department=data["department"])
        except ConsoleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Accès accordé à %(email)s.") % {"email": data["user"].email})
            return redirect("console:oversight")
    return _page(request, form, status=400)


@staff_only
@require_POST
def revoke_grant(request, pk):
    oversight_grant = get_object_or_404(OversightGrant.objects.select_related("user", "territory"), pk=pk)
    try:
        services.revoke(request.user, oversight_grant)
    except ConsoleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Accès retiré."))
    return redirect("console:oversight")
