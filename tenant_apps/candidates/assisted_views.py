"""Assisted mode: an agent builds a profile with the person in front of them, acts for
them until they take the account over (by the e-mailed link or the printed sheet's code)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from platform.pagination import CappedPaginator
from platform.ratelimit import rate_limited
from tenant_apps.accounts.decorators import role_required
from tenant_apps.applications import services as application_services
from tenant_apps.applications.forms import ApplyForm
from tenant_apps.applications.models import Application
from tenant_apps.candidates import services
from tenant_apps.candidates.enums import OnBehalfKind, ProfileStep
from tenant_apps.candidates.forms import (
    STEP_FORMS,
    AssistedConsentForm,
    AssistedIdentityForm,
    HomeForm,
    TakeoverCodeForm,
    WishesForm,
)
from tenant_apps.candidates.models import Candidate
from tenant_apps.offers.enums import ApplicationMethod
from tenant_apps.offers.models import Offer

agent_required = role_required(*services.ON_BEHALF_ROLES)
STEPS = list(ProfileStep)


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _assisted_candidate(pk) -> Candidate:
    """Only profiles built in assisted mode: the others are the advisors' follow-up files."""
    return get_object_or_404(
        Candidate.objects.select_related("user", "commune", "assisted", "assisted__consent_recorded_by"),
        pk=pk,
        assisted__isnull=False,
    )


def _on_behalf(request, pk) -> Candidate:
    candidate = _assisted_candidate(pk)
    if not services.can_act_on_behalf(request.user, candidate):
        raise PermissionDenied
    return candidate


@agent_required
def create(request):
    """One page, usable on a tablet: identity, home and mobility, the search (the profile's
    own step forms), then the CVthèque question and the consent."""
    posted = request.POST if request.method == "POST" else None
    profile = Candidate()  # the step forms fill the same unsaved profile
    forms = {
        "identity": AssistedIdentityForm(posted, prefix="identity"),
        "home": HomeForm(posted, instance=profile, prefix="home"),
        "wishes": WishesForm(posted, instance=profile, prefix="wishes"),
        "consent": AssistedConsentForm(posted, instance=profile, prefix="consent"),
    }
    valid = [form.is_valid() for form in forms.values()]  # every form, to show all the errors at once
    if posted is not None and all(valid):
        identity, consent = forms["identity"].cleaned_data, forms["consent"].cleaned_data
        candidate = services.create_assisted_candidate(
            request.user,
            first_name=identity["first_name"],
            last_name=identity["last_name"],
            email=identity["email"],
            profile=profile,
            occupations=forms["wishes"].occupations(),
            cvtheque_visible=consent["cvtheque_visible"],
            hide_contact=consent["hide_contact"],
            consent_method=consent["consent_method"],
            base_url=_base_url(request),
        )
        messages.success(
            request,
            _("Profil créé : le lien d'activation est envoyé à %(email)s.") % {"email": identity["email"]}
            if identity["email"]
            else _("Profil créé : imprimez la fiche d'activation pour la personne."),
        )
        return redirect("candidates:assisted_detail", pk=candidate.pk)
    return render(request, "candidates/assisted_create.html", {"forms": forms})


@agent_required
def assisted_list(request):
    candidates = Candidate.objects.filter(assisted__isnull=False).select_related("user", "assisted", "created_by")
    query = request.GET.get("q", "").strip()
    if query:
        candidates = candidates.filter(
            Q(user__last_name__icontains=query) | Q(user__first_name__icontains=query) | Q(user__email__icontains=query)
        )
    page = CappedPaginator(candidates.order_by("-created_at", "-pk"), 25).get_page(request.GET.get("page"))
    context = {"page": page, "q": query, "query": f"q={query}" if query else ""}
    return render(request, "candidates/assisted_list.html", context)


@agent_required
def detail(request, pk):
    candidate = _assisted_candidate(pk)
    prefetch_related_objects([candidate], "occupations")
    can_act = services.can_act_on_behalf(request.user, candidate)
    offers = []
    if can_act and candidate.occupation_codes:
        offers = (
            Offer.objects.published()
            .with_relations()
            .filter(application_method=ApplicationMethod.PLATFORM, occupation_id__in=candidate.occupation_codes)
            .exclude(applications__candidate=candidate)
            .order_by("-pk")[:10]
        )
    context = {
        "candidate": candidate,
        "can_act": can_act,
        "has_email": services.has_email(candidate.user),
        "steps": STEPS,
        "offers": offers,
        "applications": candidate.applications.select_related("offer", "on_behalf_by"),
        "actions": candidate.on_behalf_actions.select_related("agent")[:20],
    }
    return render(request, "candidates/assisted_detail.html", context)


@agent_required
def profile_step(request, pk, step):
    """A profile step filled in for the person, with the candidate's own form and page."""
    try:
        step = ProfileStep(step)
    except ValueError:
        raise Http404 from None
    candidate = _on_behalf(request, pk)
    posted = request.method == "POST"
    form = STEP_FORMS[step](request.POST if posted else None, request.FILES if posted else None, instance=candidate)
    if posted and form.is_valid():
        try:
            with transaction.atomic():
                services.save_step(candidate, step, form)
                services.record_on_behalf(candidate, request.user, OnBehalfKind.PROFILE_CHANGED, str(step.label))
        except ValidationError as error:  # the uploaded CV, checked by content
            form.add_error("cv", error)
        else:
            messages.success(request, _("« %(step)s » enregistré pour la personne.") % {"step": step.label})
            position = STEPS.index(step)
            if "continue" in request.POST and position + 1 < len(STEPS):
                return redirect("candidates:assisted_step", pk=candidate.pk, step=STEPS[position + 1].value)
            return redirect("candidates:assisted_detail", pk=candidate.pk)
    context = {
        "candidate": candidate,
        "step": step,
        "form": form,
        "position": STEPS.index(step) + 1,
        "count": len(STEPS),
        "is_last": step == STEPS[-1],
        "is_formset": hasattr(form, "management_form"),
        "on_behalf": True,
    }
    return render(request, "candidates/profile_step.html", context)


@agent_required
def apply(request, pk, offer_pk):
    """An application sent for the person, marked as sent by the agent."""
    candidate = _on_behalf(request, pk)
    offer = get_object_or_404(
        Offer.objects.published().with_relations(), pk=offer_pk, application_method=ApplicationMethod.PLATFORM
    )
    existing = Application.objects.filter(candidate=candidate, offer=offer).first()
    form = ApplyForm(request.POST or None, candidate=candidate)
    if existing is None and request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                application_services.apply(
                    candidate=candidate,
                    offer=offer,
                    message=form.cleaned_data["message"],
                    cv_kind=form.cleaned_data["cv_kind"],
                    base_url=_base_url(request),
                    on_behalf_by=request.user,
                )
                services.record_on_behalf(candidate, request.user, OnBehalfKind.APPLIED, offer.title)
        except application_services.ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Candidature envoyée pour la personne."))
            return redirect("candidates:assisted_detail", pk=candidate.pk)
    context = {"candidate": candidate, "offer": offer, "form": form, "existing": existing}
    return render(request, "candidates/assisted_apply.html", context)


@require_POST
@agent_required
def send_activation(request, pk):
    candidate = _on_behalf(request, pk)
    if not services.has_email(candidate.user):
        raise Http404
    services.send_activation_email(candidate, request.user, _base_url(request))
    messages.success(request, _("Lien d'activation envoyé à %(email)s.") % {"email": candidate.user.email})
    return redirect("candidates:assisted_detail", pk=candidate.pk)


@never_cache
@require_POST
@agent_required
def activation_sheet(request, pk):
    """A one-page sheet to print, with a new code (the page is the only place it appears)."""
    candidate = _on_behalf(request, pk)
    code = services.new_activation_code(candidate, request.user)
    context = {
        "candidate": candidate,
        "code": f"{code[:4]}-{code[4:]}",
        "expires_on": timezone.now() + services.CODE_VALIDITY,
        "portal_url": _base_url(request),
        "activate_url": _base_url(request) + reverse("candidates:take_over"),
    }
    return render(request, "candidates/assisted_sheet.html", context)


@rate_limited("account_code")
def take_over(request):
    """The person types the sheet's file number and code, their address and a password."""
    if request.user.is_authenticated:
        return redirect("accounts:landing")
    form = TakeoverCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.take_over_with_code(
                file_number=data["file_number"], code=data["code"], email=data["email"], password=data["password1"]
            )
        except services.TakeoverError as error:
            form.add_error(error.field, str(error))
        else:
            return redirect("accounts:password_set")
    return render(request, "candidates/assisted_take_over.html", {"form": form})


class TakeOverLinkView(auth_views.PasswordResetConfirmView):
    """The e-mailed link: the person chooses a password, and agents stop acting for them."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:password_set")

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            services.mark_taken_over(form.user)
        return response
