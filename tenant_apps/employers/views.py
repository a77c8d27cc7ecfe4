from itertools import groupby
from operator import attrgetter

from django.contrib import messages
from django.contrib.auth import login
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from platform.ratelimit import rate_limited
from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.forms import PersonPasswordForm
from tenant_apps.applications.enums import CLOSED_STATUSES
from tenant_apps.employers import services, tokens
from tenant_apps.employers.decorators import employer_required
from tenant_apps.employers.forms import AlertPreferenceForm, EmployerSignupForm, InvitationForm
from tenant_apps.employers.models import Invitation
from tenant_apps.offers.enums import OfferStatus
from tenant_apps.offers.models import Offer

STATUS_ORDER = list(OfferStatus)


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@rate_limited("signup")
def signup(request):
    if request.user.is_authenticated:
        return redirect("employers:dashboard")
    form = EmployerSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.register_employer(
                employer=form.employer(),
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                base_url=_base_url(request),
            )
        except services.EmployerError as error:
            form.add_error("siret", str(error))
        else:
            return render(request, "employers/signup_sent.html", {"email": data["email"]})
    return render(request, "employers/signup.html", {"form": form})


@employer_required
def dashboard(request):
    employer = request.employer
    offers = sorted(
        Offer.objects.of_employer(employer)
        .for_display()
        .select_related("commune")
        .annotate(
            applications_count=Count("applications"),
            open_applications_count=Count("applications", filter=~Q(applications__status__in=CLOSED_STATUSES)),
        )
        .order_by("-updated_at"),
        key=lambda offer: STATUS_ORDER.index(offer.status),
    )
    offers_by_status = [(status, list(group)) for status, group in groupby(offers, key=attrgetter("status"))]
    context = {
        "offers_by_status": offers_by_status,
        "status_counts": [(status, group[0].get_status_display(), len(group)) for status, group in offers_by_status],
        "employer": employer,
        "team": employer.memberships.select_related("user").order_by("joined_at"),
        "invitations": employer.invitations.pending(),
        "invitation_form": InvitationForm(),
        "alerts_form": AlertPreferenceForm(instance=request.user.membership),
        "api_key_created": Token.objects.filter(user=request.user).values_list("created", flat=True).first(),
    }
    return render(request, "employers/dashboard.html", context)


@require_POST
@employer_required
@rate_limited("contact")
def invite(request):
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invite_colleague(
                inviter=request.user, email=form.cleaned_data["email"], base_url=_base_url(request)
            )
        except services.EmployerError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Invitation envoyée à %(email)s.") % {"email": invitation.email})
    else:
        messages.error(request, " ".join(form.errors["email"]))
    return redirect("employers:dashboard")


@require_POST
@employer_required
def alert_preference(request):
    """How the recruiter hears of new applications: at once, or in a daily summary."""
    form = AlertPreferenceForm(request.POST, instance=request.user.membership)
    if form.is_valid():
        form.save()
        messages.success(request, _("Préférence enregistrée."))
    return redirect("employers:dashboard")


@require_POST
@role_required(Role.RECRUITER)
def api_key(request):
    """A new API key for the recruiter; the previous one stops working."""
    key = services.renew_api_key(request.user)
    messages.success(
        request,
        _("Votre nouvelle clé d'API : %(key)s — gardez-la secrète ; l'ancienne ne fonctionne plus.") % {"key": key},
    )
    return redirect("employers:dashboard")


def accept_invitation(request, token):
    invitation_id = tokens.invitation_id(token)
    invitation = get_object_or_404(Invitation.objects.pending().select_related("employer"), pk=invitation_id or 0)
    form = PersonPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(
                invitation=invitation,
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except services.EmployerError as error:
            messages.error(request, str(error))
            return redirect("accounts:login")
        login(request, user)
        messages.success(request, _("Bienvenue dans l'espace employeur de %(name)s.") % {"name": invitation.employer})
        return redirect("employers:dashboard")
    return render(request, "employers/accept_invitation.html", {"form": form, "invitation": invitation})
