from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role
from tenant_apps.audit import services as audit
from tenant_apps.audit.enums import AuditAction
from tenant_apps.partners import services
from tenant_apps.partners.decorators import partner_required
from tenant_apps.partners.forms import PartnerOrganisationForm, PeriodForm
from tenant_apps.partners.models import PartnerOrganisation

PER_PAGE = 50


# The territory admin's pages


@role_required(Role.TERRITORY_ADMIN)
def organisations(request):
    organisations = PartnerOrganisation.objects.with_counts().order_by("name", "pk")
    return render(request, "partners/organisations.html", {"organisations": organisations})


@role_required(Role.TERRITORY_ADMIN)
def edit_organisation(request, pk=None):
    organisation = get_object_or_404(PartnerOrganisation, pk=pk) if pk else None
    form = PartnerOrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            organisation = form.save()
        messages.success(request, _("La structure est enregistrée."))
        return redirect("partners:organisation", pk=organisation.pk)
    members = []
    if organisation is not None:
        members = organisation.memberships.select_related("user").order_by("user__last_name", "user__first_name")
    context = {"form": form, "organisation": organisation, "members": members}
    return render(request, "partners/organisation.html", context, status=400 if form.errors else 200)


# The partner's space: its organisation's candidates and offers, nothing else


@role_required(Role.PARTNER)
def space(request):
    """The partner's home page (where they land after logging in): its candidates."""
    organisation = services.organisation_of(request.user)
    if organisation is None:  # an account not attached yet lands here too: say what to do
        return render(request, "partners/no_organisation.html")
    candidates = (
        services.candidates_of(organisation)
        .select_related("user", "commune")
        .prefetch_related("occupations")
        .annotate(application_count=Count("applications"))
        .order_by("user__last_name", "user__first_name", "pk")
    )
    page = Paginator(candidates, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "partners/space.html", {"organisation": organisation, "page": page, "query": ""})


@partner_required
def candidate(request, pk):
    # Another organisation's candidate, or nobody's, does not exist here.
    candidate = get_object_or_404(services.candidates_of(request.organisation).select_related("user", "commune"), pk=pk)
    prefetch_related_objects([candidate], "occupations", "experiences", "trainings")
    audit.record(request.user, AuditAction.VIEWED, candidate, details={"page": "partner"}, request=request)
    applications = candidate.applications.select_related("offer", "offer__employer").order_by("-created_at")
    context = {"organisation": request.organisation, "candidate": candidate, "applications": applications}
    return render(request, "partners/candidate.html", context)


@partner_required
def offers(request):
    offers = (
        services.offers_of(request.organisation)
        .for_display()
        .select_related("employer", "commune", "created_by")
        .annotate(application_count=Count("applications"))
        .order_by("-created_at", "-pk")
    )
    page = Paginator(offers, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "organisation": request.organisation,
        "page": page,
        "query": "",
        "may_post": request.organisation.can_post_offers,
    }
    return render(request, "partners/offers.html", context)


@partner_required
def statistics(request):
    form = PeriodForm(request.GET)
    context = {"organisation": request.organisation, "form": form}
    if not form.is_valid():
        return render(request, "partners/statistics.html", context, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    context["figures"] = services.figures(request.organisation, start, end)
    return render(request, "partners/statistics.html", context)
