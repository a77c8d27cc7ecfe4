from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from platform.ratelimit import rate_limited
from tenant_apps.accounts.enums import Role
from tenant_apps.alerts import services
from tenant_apps.alerts.forms import AlertForm, FrequencyForm
from tenant_apps.cvtheque.decorators import searcher_required
from tenant_apps.offers.forms import SearchForm
from tenant_apps.offers.views import managed_offer_or_404


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _alert_or_404(key):
    alert = services.alert_of(key)
    if alert is None:
        raise Http404
    return alert


def criteria_of(search: SearchForm) -> dict:
    """What an alert keeps of a search: words, commune and radius, contract, working time, car."""
    data = search.cleaned_data
    commune = data.get("commune")
    return {
        "text": data.get("q", ""),
        "commune": commune,
        "radius_km": (data.get("rayon") or search.default_radius_km) if commune else None,
        "contract_types": data.get("contrat", []),
        "working_time": data.get("temps", ""),
        "without_car": data.get("sans_voiture", False),
    }


@require_POST
@rate_limited("alert")
def create(request):
    """Save the search the page shows (its query string comes along) as an alert."""
    search = SearchForm(request.POST, default_radius_km=request.tenant.default_search_radius_km)
    form = AlertForm(request.POST, user=request.user)
    back = reverse("offers:search") + "?" + request.POST.get("query", "")
    if not (search.is_valid() and form.is_valid()):
        errors = [e for field in (form.errors, search.errors) for messages_ in field.values() for e in messages_]
        messages.error(request, _("Alerte non créée : %(errors)s") % {"errors": " ".join(errors)})
        return redirect(back)
    user = request.user if request.user.is_authenticated and request.user.has_role(Role.CANDIDATE) else None
    email = request.user.email if request.user.is_authenticated else form.cleaned_data["email"]
    services.create_alert(
        criteria=criteria_of(search),
        email=email,
        frequency=form.cleaned_data["frequency"],
        user=user,
        base_url=_base_url(request),
    )
    if user:
        messages.success(request, _("Alerte créée : vous recevrez les nouvelles offres par e-mail."))
    else:
        messages.success(
            request, _("Presque fini : confirmez votre alerte avec le lien envoyé à %(email)s.") % {"email": email}
        )
    return redirect(back)


def confirm(request, key):
    """A GET shows a button (mail scanners open links); the POST confirms."""
    alert = _alert_or_404(key)
    if request.method == "POST":
        services.confirm(alert)
        messages.success(request, _("Alerte confirmée."))
        return redirect("alerts:manage", key=key)
    return render(request, "alerts/confirm.html", {"alert": alert})


def manage(request, key):
    """The alert's page, reached from its e-mails without logging in: frequency, unsubscribe."""
    alert = _alert_or_404(key)
    form = FrequencyForm(request.POST or None, instance=alert)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Fréquence enregistrée."))
        return redirect("alerts:manage", key=key)
    return render(request, "alerts/manage.html", {"alert": alert, "form": form, "key": key})


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no session; the signed key is the proof
def unsubscribe(request, key):
    alert = _alert_or_404(key)
    if request.method == "POST":
        services.unsubscribe(alert)
        return render(request, "alerts/unsubscribed.html", {"alert": alert})
    return render(request, "alerts/unsubscribe.html", {"alert": alert})


@require_POST
@searcher_required
def follow_candidates(request, pk):
    """Be told (daily) of candidates newly visible for this offer; posting again stops it.
    The e-mail shows CVthèque cards: a partner needs their organisation's CVthèque grant."""
    offer = managed_offer_or_404(request, pk)
    if "stop" in request.POST:
        services.stop_following_candidates(offer, request.user)
        messages.success(request, _("Vous ne serez plus prévenu des nouveaux candidats pour cette offre."))
    else:
        services.follow_candidates(offer, request.user)
        messages.success(request, _("Vous serez prévenu chaque jour des nouveaux candidats pour cette offre."))
    return redirect("applications:for_offer", pk=offer.pk)
