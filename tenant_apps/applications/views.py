from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from platform.ratelimit import rate_limited
from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role
from tenant_apps.alerts.models import CandidateAlert
from tenant_apps.applications import services
from tenant_apps.applications.forms import ApplyForm, ExternalHireForm, NoteForm, TransitionForm
from tenant_apps.applications.models import Application
from tenant_apps.audit import services as audit
from tenant_apps.audit.enums import AuditAction
from tenant_apps.candidates.decorators import candidate_required
from tenant_apps.offers.enums import ApplicationMethod
from tenant_apps.offers.models import Offer
from tenant_apps.offers.views import managed_offer_or_404
from tenant_apps.proposals.models import Proposal

FOLLOWERS = (Role.RECRUITER, Role.ADVISOR, Role.PARTNER)


class MailtoRedirect(HttpResponseRedirect):
    allowed_schemes = ["mailto"]


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@rate_limited("apply")
def apply(request, pk):
    """The application form of a published offer; visitors are asked to log in first."""
    offer = get_object_or_404(Offer.objects.published().with_relations(), pk=pk)
    if offer.application_method != ApplicationMethod.PLATFORM:
        return redirect("applications:external", pk=offer.pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _apply(request, offer=offer)


@candidate_required
def _apply(request, offer):
    candidate = request.candidate
    existing = Application.objects.filter(candidate=candidate, offer=offer).first()
    form = ApplyForm(request.POST or None, candidate=candidate)
    if existing is None and request.method == "POST" and form.is_valid():
        try:
            services.apply(
                candidate=candidate,
                offer=offer,
                message=form.cleaned_data["message"],
                cv_kind=form.cleaned_data["cv_kind"],
                base_url=_base_url(request),
            )
        except services.ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Candidature envoyée : suivez-la dans « Mes candidatures »."))
            return redirect("applications:mine")
    context = {"offer": offer, "form": form, "existing": existing, "candidate": candidate}
    return render(request, "applications/apply.html", context)


def external(request, pk):
    """Follow an offer's external link or address, counting the click (the only trace we have)."""
    offer = get_object_or_404(Offer.objects.published(), pk=pk)
    if offer.application_method == ApplicationMethod.URL:
        services.record_external_click(offer, request.user)
        return redirect(offer.application_url)
    if offer.application_method == ApplicationMethod.EMAIL:
        services.record_external_click(offer, request.user)
        return MailtoRedirect(f"mailto:{offer.application_email}")
    return redirect("applications:apply", pk=offer.pk)


@candidate_required
def mine(request):
    applications = (
        request.candidate.applications.select_related("offer", "offer__employer", "offer__commune", "on_behalf_by")
        .prefetch_related("transitions")
        .order_by("-updated_at")
    )
    rows = [(a, services.available_transitions(request.user, a)) for a in applications]
    return render(request, "applications/mine.html", {"rows": rows})


@require_POST
@candidate_required
def withdraw(request, pk):
    application = get_object_or_404(Application, pk=pk, candidate=request.candidate)
    try:
        services.apply_transition(application, "withdraw", by=request.user)
    except services.ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Candidature retirée."))
    return redirect("applications:mine")


@role_required(*FOLLOWERS)
def for_offer(request, pk):
    offer = managed_offer_or_404(request, pk)
    applications = offer.applications.select_related("candidate", "candidate__user", "candidate__commune", "proposal")
    context = {
        "offer": offer,
        "applications": applications,
        "positions_left": services.positions_left(offer),
        "hires": offer.hires.select_related("application__candidate__user"),
        "hire_form": ExternalHireForm(),
        "following_candidates": CandidateAlert.objects.filter(offer=offer, user=request.user).exists(),
        "proposals": Proposal.objects.filter(offer=offer).for_display().pending_first(),
    }
    return render(request, "applications/for_offer.html", context)


def _followed_or_404(request, pk) -> Application:
    application = services.followed_application(request.user, pk)
    if application is None:
        raise Http404
    return application


@role_required(*FOLLOWERS)
def detail(request, pk):
    application = _followed_or_404(request, pk)
    services.mark_seen(application, request.user)
    candidate = application.candidate
    context = {
        "application": application,
        "candidate": candidate,
        "transitions": services.available_transitions(request.user, application),
        "history": application.transitions.select_related("by"),
        "notes": application.notes.select_related("author"),
        "note_form": NoteForm(),
    }
    return render(request, "applications/detail.html", context)


@never_cache
@role_required(*FOLLOWERS)
def cv(request, pk):
    application = _followed_or_404(request, pk)
    audit.record(
        request.user,
        AuditAction.DOWNLOADED,
        application.candidate,
        details={"file": "application_cv", "application": application.pk},
        request=request,
    )
    return FileResponse(application.cv.open("rb"), content_type="application/pdf", filename="cv.pdf")


@require_POST
@role_required(*FOLLOWERS)
def transition(request, pk, name):
    application = _followed_or_404(request, pk)
    form = TransitionForm(request.POST)
    if name not in services.TRANSITIONS or not form.is_valid():
        raise Http404
    try:
        services.apply_transition(
            application,
            name,
            by=request.user,
            reason=form.cleaned_data["reason"],
            hired_on=form.cleaned_data["hired_on"],
            base_url=_base_url(request),
        )
    except services.ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("C'est fait : le candidat est prévenu par e-mail."))
    return redirect("applications:detail", pk=application.pk)


@require_POST
@role_required(*FOLLOWERS)
def add_note(request, pk):
    application = _followed_or_404(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(application, author=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Note enregistrée."))
    else:
        messages.error(request, _("La note est vide ou trop longue (2 000 caractères au plus)."))
    return redirect("applications:detail", pk=application.pk)


@require_POST
@role_required(*FOLLOWERS)
def report_hire(request, pk):
    offer = managed_offer_or_404(request, pk)
    form = ExternalHireForm(request.POST)
    if form.is_valid():
        services.record_hire(
            offer, by=request.user, source=form.cleaned_data["source"], hired_on=form.cleaned_data["hired_on"]
        )
        messages.success(request, _("Recrutement enregistré."))
    else:
        messages.error(request, _("Indiquez la date d'embauche et l'origine du recrutement."))
    return redirect("applications:for_offer", pk=offer.pk)
