"""The provider console (provider host, public schema): provider staff only.

Plain login_required and a role check, so that the second-factor middleware in front of
every staff page applies here as everywhere."""

from django.contrib import messages
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform.pagination import CappedPaginator
from shared_apps.billing.enums import SubscriptionStatus
from shared_apps.provider import services
from shared_apps.provider.forms import DomainForm, OnboardingForm, ReasonForm, TerritoryFilterForm, epci_label
from shared_apps.provider.models import ConsoleAuditEntry, ProviderSupportGrant
from shared_apps.referentials.models import Epci
from shared_apps.referentials.text import normalize
from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role
from tenants.models import Territory

staff_only = role_required(Role.PROVIDER_STAFF)
PAGE_SIZE = 50
EPCI_SUGGESTIONS = 10


@staff_only
def territory_list(request):
    form = TerritoryFilterForm(request.GET or None)
    territories = services.console_territories(**form.filters())
    page = CappedPaginator(territories, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    figures = services.month_figures(rows)
    for territory in rows:
        territory.month = figures[territory.pk]
        territory.subscription_label = (
            SubscriptionStatus(territory.subscription_status).label
            if territory.subscription_status
            else _("Sans abonnement")
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "provider/console/territories.html",
        {"form": form, "page": page, "territories": rows, "query": query.urlencode()},
    )


@staff_only
def onboard(request):
    form = OnboardingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.onboard(
                request.user,
                epci_siren=data["epci"].siren,
                domain=data["domain"],
                admin_email=data["admin_email"],
                theme=data["theme"],
                primary_color=data["primary_color"],
                plan=data["plan"],
            )
        except services.ConsoleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Portail de %(name)s créé : %(url)s. Le lien pour choisir un mot de passe a été envoyé à %(email)s.")
                % {"name": result.territory.name, "url": result.portal_url, "email": data["admin_email"]},
            )
            return redirect("console:territory", pk=result.territory.pk)
    return render(request, "provider/console/onboard.html", {"form": form})


@staff_only
def epci_suggestions(request):
    """EPCIs whose name contains, or whose SIREN starts with, what was typed (trigram index)."""
    typed = normalize(request.GET.get("q", ""))[:100]
    if len(typed) < 2:
        return JsonResponse({"results": []})
    epcis = Epci.objects.filter(Q(search_name__contains=typed) | Q(siren__startswith=typed)).order_by("name")
    return JsonResponse(
        {"results": [{"label": epci_label(epci), "siren": epci.siren} for epci in epcis[:EPCI_SUGGESTIONS]]}
    )


def _territory(pk: int) -> Territory:
    return get_object_or_404(Territory.objects.portals().prefetch_related("domains"), pk=pk)


def _detail(request, territory, status=200, **forms):
    context = {
        "territory_row": territory,
        "domain_form": forms.get("domain_form") or DomainForm(),
        "suspension_form": forms.get("suspension_form") or ReasonForm(prefix="suspension"),
        "support_form": forms.get("support_form") or ReasonForm(prefix="support"),
        "grants": ProviderSupportGrant.objects.filter(territory=territory)[:20],
        "entries": ConsoleAuditEntry.objects.for_list().filter(territory=territory)[:20],
    }
    return render(request, "provider/console/territory.html", context, status=status)


@staff_only
def territory_detail(request, pk):
    return _detail(request, _territory(pk))


@staff_only
@require_POST
def add_domain(request, pk):
    territory = _territory(pk)
    form = DomainForm(request.POST)
    if form.is_valid():
        try:
            services.add_domain(
                request.user, territory, form.cleaned_data["domain"], primary=form.cleaned_data["primary"]
            )
        except services.ConsoleError as error:
            form.add_error("domain", str(error))
        else:
            messages.success(request, _("Domaine %(domain)s ajouté.") % {"domain": form.cleaned_data["domain"]})
            return redirect("console:territory", pk=pk)
    return _detail(request, territory, status=400, domain_form=form)


@staff_only
@require_POST
def suspend(request, pk):
    return _suspension(request, pk, services.suspend, _("Portail suspendu."))


@staff_only
@require_POST
def reactivate(request, pk):
    return _suspension(request, pk, services.reactivate, _("Portail réactivé."))


def _suspension(request, pk, action, success_message):
    territory = _territory(pk)
    form = ReasonForm(request.POST, prefix="suspension")
    if form.is_valid():
        try:
            action(request.user, territory, form.cleaned_data["reason"])
        except services.ConsoleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, success_message)
            return redirect("console:territory", pk=pk)
    return _detail(request, territory, status=400, suspension_form=form)


@staff_only
@require_POST
def open_support(request, pk):
    """Opens a grant and sends its holder to the portal through the grant's one-time link."""
    territory = _territory(pk)
    form = ReasonForm(request.POST, prefix="support")
    if not form.is_valid():
        return _detail(request, territory, status=400, support_form=form)
    grant = services.open_support(request.user, territory, form.cleaned_data["reason"])
    return redirect(services.support_link(grant))


@staff_only
@require_POST
def revoke_support(request, pk):
    grant = get_object_or_404(ProviderSupportGrant.objects.select_related("territory"), pk=pk)
    try:
        services.revoke_support(request.user, grant)
    except services.ConsoleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Accès support révoqué : la session ouverte sur le portail est terminée."))
    return redirect("console:territory", pk=grant.territory_id)


@staff_only
def audit_log(request):
    entries = ConsoleAuditEntry.objects.for_list()
    page = CappedPaginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "provider/console/audit_log.html", {"page": page})
