from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from platform.pagination import CappedPaginator
from platform.ratelimit import rate_limited
from tenant_apps.audit import services as audit
from tenant_apps.audit.enums import AuditAction
from tenant_apps.candidates.decorators import candidate_required
from tenant_apps.candidates.services import generated_cv, record_profile_view
from tenant_apps.cvtheque import services
from tenant_apps.cvtheque.decorators import searcher_required
from tenant_apps.cvtheque.forms import CandidateSearchForm, InvitationForm
from tenant_apps.cvtheque.models import ApplyInvitation, SavedCandidate
from tenant_apps.cvtheque.search import search_candidates
from tenant_apps.statistics.counters import count
from tenant_apps.statistics.enums import Metric

RESULTS_PER_PAGE = 20


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _visible_or_404(pk):
    candidate = services.visible_candidate(pk)
    if candidate is None:
        raise Http404
    return candidate


@searcher_required
def search(request):
    form = CandidateSearchForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid():
        candidates = search_candidates(form.criteria()).prefetch_related("occupations")
        page = CappedPaginator(candidates, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        if "page" not in request.GET:  # a search, not the next page of one
            count(Metric.CVTHEQUE_SEARCHES)
    query = request.GET.copy()
    query.pop("page", None)
    saved = set(SavedCandidate.objects.filter(user=request.user).values_list("candidate_id", flat=True))
    context = {"form": form, "page": page, "query": query.urlencode(), "saved": saved}
    return render(request, "cvtheque/search.html", context)


@searcher_required
def card(request, pk):
    candidate = _visible_or_404(pk)
    record_profile_view(candidate, request.user)
    audit.record_profile_view(request.user, candidate, request=request)
    offers = services.invitable_offers(request.user)
    context = {
        "candidate": candidate,
        "saved": SavedCandidate.objects.filter(user=request.user, candidate=candidate).exists(),
        "invitation_form": InvitationForm(offers=offers) if offers else None,
    }
    return render(request, "cvtheque/card.html", context)


@never_cache
@searcher_required
def cv(request, pk):
    """The candidate's uploaded CV, or the one generated from the profile (without hidden contact details)."""
    candidate = _visible_or_404(pk)
    audit.record(request.user, AuditAction.DOWNLOADED, candidate, details={"file": "cvtheque_cv"}, request=request)
    if candidate.cv_file:
        return FileResponse(candidate.cv_file.open("rb"), content_type="application/pdf", filename="cv.pdf")
    response = HttpResponse(generated_cv(candidate, for_recruiter=True), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="cv.pdf"'
    return response


@require_POST
@searcher_required
def toggle_saved(request, pk):
    candidate = _visible_or_404(pk)
    if services.toggle_saved(request.user, candidate):
        messages.success(request, _("Ajouté à votre sélection."))
    else:
        messages.success(request, _("Retiré de votre sélection."))
    return redirect("cvtheque:card", pk=candidate.pk)


@searcher_required
def selection(request):
    saved = (
        SavedCandidate.objects.filter(user=request.user, candidate__cvtheque_visible=True)
        .select_related("candidate__user", "candidate__commune")
        .prefetch_related("candidate__occupations")
    )
    return render(request, "cvtheque/selection.html", {"saved": saved})


@require_POST
@searcher_required
@rate_limited("contact")
def invite(request, pk):
    candidate = _visible_or_404(pk)
    form = InvitationForm(request.POST, offers=services.invitable_offers(request.user))
    if form.is_valid():
        try:
            services.invite(
                offer=form.cleaned_data["offer"],
                candidate=candidate,
                message=form.cleaned_data["message"],
                by=request.user,
                base_url=_base_url(request),
            )
        except services.InvitationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Invitation envoyée : la personne répond depuis son espace."))
    else:
        messages.error(request, _("Choisissez une offre et écrivez un message."))
    return redirect("cvtheque:card", pk=candidate.pk)


@candidate_required
def invitations(request):
    invitations = request.candidate.invitations.select_related("offer", "offer__employer", "offer__commune")
    return render(request, "cvtheque/invitations.html", {"invitations": invitations})


@require_POST
@candidate_required
def answer(request, pk, choice):
    invitation = get_object_or_404(ApplyInvitation, pk=pk, candidate=request.candidate)
    if choice not in ("oui", "non"):
        raise Http404
    try:
        services.answer(invitation, accept=choice == "oui", base_url=_base_url(request))
    except services.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Candidature envoyée.") if choice == "oui" else _("Réponse envoyée : invitation déclinée.")
        )
    return redirect("cvtheque:invitations")
