from csp.decorators import csp_replace
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_POST

from shared_apps.referentials.models import Commune
from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role
from tenant_apps.employers.decorators import employer_required
from tenant_apps.offers import services
from tenant_apps.offers.enums import OfferSource, OfferStatus
from tenant_apps.offers.forms import OfferForm, OfferOnBehalfForm, SearchForm, WidgetForm
from tenant_apps.offers.models import Offer
from tenant_apps.offers.search import Criteria, Sort, search_offers, search_page, with_distance_from
from tenant_apps.offers.structured_data import job_posting, summary
from tenant_apps.partners import services as partner_services


def managed_offer_or_404(request, pk) -> Offer:
    """For the pages and the API: an offer the user does not manage does not exist."""
    offer = services.managed_offer(request.user, pk)
    if offer is None:
        raise Http404
    return offer


def _save_and_maybe_publish(request, form):
    offer = services.save_offer(form)
    if "publish" in request.POST:
        try:
            offer = services.apply_transition(offer, "submit", by=request.user)
        except services.TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Offre publiée.") if offer.status == OfferStatus.PUBLISHED else _("Offre envoyée pour validation."),
            )
    else:
        messages.success(request, _("Brouillon enregistré."))
    return redirect("offers:manage", pk=offer.pk)


@employer_required
def create(request):
    employer = request.employer
    form = OfferForm(request.POST or None, instance=Offer(employer=employer, created_by=request.user))
    if request.method == "POST" and form.is_valid():
        return _save_and_maybe_publish(request, form)
    return render(request, "offers/form.html", {"form": form, "employer": employer})


SOURCE_OF_ROLE = {Role.ADVISOR: OfferSource.ADVISOR, Role.PARTNER: OfferSource.PARTNER}


@role_required(Role.ADVISOR, Role.PARTNER)
def create_on_behalf(request):
    """An employer's recruitment need, posted by an advisor or a partner: it counts
    as theirs in the statistics (``source``). A partner's organisation must be granted it."""
    if request.user.role == Role.PARTNER and not partner_services.may_post_offers(request.user):
        raise PermissionDenied(_("Votre structure n'est pas autorisée à publier des offres pour ses clients."))
    offer = Offer(created_by=request.user, source=SOURCE_OF_ROLE[request.user.role])
    # From an employer's follow-up page, the employer comes chosen (?employeur=<id>).
    initial = {"employer": request.GET.get("employeur", "")}
    form = OfferOnBehalfForm(request.POST or None, instance=offer, initial=initial)
    if request.method == "POST" and form.is_valid():
        return _save_and_maybe_publish(request, form)
    return render(request, "offers/form.html", {"form": form, "on_behalf": True})


@role_required(Role.RECRUITER, Role.ADVISOR, Role.PARTNER)
def edit(request, pk):
    offer = managed_offer_or_404(request, pk)
    if not services.is_editable(offer):
        messages.error(request, _("Cette offre ne peut plus être modifiée."))
        return redirect("offers:manage", pk=offer.pk)
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        return _save_and_maybe_publish(request, form)
    return render(request, "offers/form.html", {"form": form, "employer": offer.employer, "offer": offer})


@role_required(Role.RECRUITER, Role.ADVISOR, Role.PARTNER)
def manage(request, pk):
    offer = managed_offer_or_404(request, pk)
    context = {
        "offer": offer,
        "transitions": services.available_transitions(request.user, offer),
        "history": offer.transitions.select_related("by"),
        "editable": services.is_editable(offer),
    }
    return render(request, "offers/manage.html", context)


@require_POST
@role_required(Role.RECRUITER, Role.ADVISOR, Role.PARTNER)
def transition(request, pk, name):
    offer = managed_offer_or_404(request, pk)
    if name not in services.TRANSITIONS:
        raise Http404
    try:
        services.apply_transition(offer, name, by=request.user, reason=request.POST.get("reason", ""))
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("C'est fait."))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("offers:manage", pk=offer.pk)


@role_required(Role.ADVISOR)
def moderation(request):
    offers = Offer.objects.awaiting_moderation().for_display().with_relations().order_by("updated_at")
    return render(request, "offers/moderation.html", {"offers": offers})


def offer_url(offer) -> str:
    return reverse("offers:detail", args=[offer.pk])


def search(request):
    form = SearchForm(request.GET or None, default_radius_km=request.tenant.default_search_radius_km)
    page, neighbours = None, []
    if not request.GET or form.is_valid():
        criteria = form.criteria() if request.GET else Criteria()
        page, neighbours = search_page(criteria, request.tenant, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    origin = form.cleaned_data.get("commune") if form.is_bound and form.is_valid() else None
    context = {
        "form": form,
        "page": page,
        "neighbours": neighbours,
        "query": query.urlencode(),
        "origin_insee": origin.insee if origin else "",
        "map_centre": origin or request.tenant.communes.order_by("-population").first(),
    }
    return render(request, "offers/search.html", context)


WIDGET_DEFAULT_SIZE = 5


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@cache_control(public=True, max_age=600)
def widget(request):
    """Offers near a commune, to embed in an iframe on the commune's website.
    A page of its own (no session, no CSRF token): it sets no cookie. Any site may frame it
    (some communes' sites are still plain http): it shows public offers and has nothing to click
    but links, so there is nothing to trick a visitor into doing. It runs no script."""
    form = WidgetForm(request.GET)
    if not form.is_valid():
        errors = "; ".join(f"{name} : {' '.join(messages)}" for name, messages in form.errors.items())
        return HttpResponseBadRequest(errors, content_type="text/plain; charset=utf-8")
    commune = form.cleaned_data["commune"]
    radius = form.cleaned_data["rayon"] or request.tenant.default_search_radius_km
    criteria = Criteria(latitude=commune.latitude, longitude=commune.longitude, radius_km=radius, sort=Sort.DATE)
    offers = search_offers(criteria)[: form.cleaned_data["nombre"] or WIDGET_DEFAULT_SIZE]
    context = {"offers": offers, "commune": commune, "radius": radius, "territory": request.tenant}
    return render(request, "offers/widget.html", context)


def detail(request, pk):
    """The published offer; ``?de=<INSEE>`` (set by the search) adds the distance from
    the visitor's commune."""
    offers = Offer.objects.published().with_relations()
    origin = Commune.objects.filter(insee=request.GET.get("de", "")[:5]).first()
    if origin:
        offers = with_distance_from(offers, origin)
    offer = get_object_or_404(offers, pk=pk)
    url = request.build_absolute_uri(offer_url(offer))
    context = {
        "offer": offer,
        "origin": origin,
        "url": url,
        "summary": summary(offer),
        "job_posting": job_posting(offer, url),
    }
    return render(request, "offers/detail.html", context)
