from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import cache_control

from shared_apps.billing.services import invoices
from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role
from tenants.forms import PortalSettingsForm
from tenants.models import Territory


class UnknownHostView(View):
    """What a host that belongs to no territory gets: a clear 404 page."""

    def get(self, request, *args, **kwargs):
        return render(request, "tenants/unknown_host.html", {"host": request.get_host()}, status=404)

    post = put = patch = delete = get


def home(request):
    return render(request, "tenants/home.html")


def privacy(request):
    """The portal's privacy notice, written from its settings: the territory is the controller."""
    return render(request, "tenants/privacy.html")


@cache_control(public=True, max_age=3600)
def logo(request):
    """The territory's logo, read from storage (no public media URL)."""
    if not request.tenant.logo:
        raise Http404
    return FileResponse(request.tenant.logo.open("rb"))


@role_required(Role.TERRITORY_ADMIN)
def portal_settings(request):
    """The territory admin's page: branding, contact and portal settings."""
    # A fresh instance: validation writes the submitted values on it, and the
    # page must keep the saved colours while it shows the errors.
    territory = Territory.objects.get(pk=request.tenant.pk)
    form = PortalSettingsForm(request.POST or None, request.FILES or None, instance=territory)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Paramètres du portail enregistrés."))
        return redirect("portal_settings")
    example_commune = territory.communes.order_by("-population").first()
    context = {"form": form, "example_commune": example_commune, "billing": invoices(territory)}
    return render(request, "tenants/portal_settings.html", context)
