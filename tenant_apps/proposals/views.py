from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenant_apps.accounts.decorators import role_required
from tenant_apps.applications.views import FOLLOWERS
from tenant_apps.candidates.models import Candidate
from tenant_apps.offers.services import managed_offer
from tenant_apps.proposals import services
from tenant_apps.proposals.forms import DEFAULT_RADIUS_KM, AnswerForm, MatchForm, ProposeForm
from tenant_apps.proposals.models import Proposal

SHOWN_MATCHES = 50


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@role_required(*services.PROPOSERS)
def for_offer(request, pk):
    """The advisor's pre-selection for an offer: matching candidates, a short list to
    propose, and the employer's answers to earlier proposals."""
    offer = managed_offer(request.user, pk)
    if offer is None:
        raise Http404
    match_form = MatchForm(request.GET if "rayon" in request.GET else {"rayon": DEFAULT_RADIUS_KM})
    matches = Candidate.objects.none()
    if match_form.is_valid():
        data = match_form.cleaned_data
        matches = services.matching_candidates(
            offer, radius_km=data["rayon"], available_by=data["disponible"], text=data["q"]
        ).prefetch_related("occupations")
    propose_form = ProposeForm(request.POST or None, candidates=matches)
    if request.method == "POST" and propose_form.is_valid():
        try:
            proposals = services.propose(
                offer,
                propose_form.cleaned_data["candidates"],
                by=request.user,
                message=propose_form.cleaned_data["message"],
                base_url=_base_url(request),
            )
        except services.ProposalError as error:
            propose_form.add_error(None, str(error))
        else:
            messages.success(request, _("%(count)s personne(s) proposée(s) à l'employeur.") % {"count": len(proposals)})
            return redirect(request.get_full_path())
    context = {
        "offer": offer,
        "match_form": match_form,
        "propose_form": propose_form,
        "matches": matches[:SHOWN_MATCHES],
        "proposals": Proposal.objects.filter(offer=offer).for_display().pending_first(),
        "proposable": _proposable(offer),
    }
    return render(request, "proposals/for_offer.html", context, status=400 if propose_form.errors else 200)


def _proposable(offer) -> bool:
    try:
        services.check_proposable(offer)
    except services.ProposalError:
        return False
    return True


def _answerable_or_404(request, pk) -> Proposal:
    proposal = services.answered_proposal(request.user, pk)
    if proposal is None:
        raise Http404
    return proposal


@role_required(*FOLLOWERS)
def detail(request, pk):
    """What the employer reads before answering: the advisor's message and the profile."""
    proposal = _answerable_or_404(request, pk)
    context = {"proposal": proposal, "candidate": proposal.candidate, "form": AnswerForm()}
    return render(request, "proposals/detail.html", context)


@require_POST
@role_required(*FOLLOWERS)
def answer(request, pk, accept: bool):
    proposal = _answerable_or_404(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        context = {"proposal": proposal, "candidate": proposal.candidate, "form": form}
        return render(request, "proposals/detail.html", context, status=400)
    try:
        proposal = services.answer(
            proposal, accept=accept, by=request.user, reason=form.cleaned_data["reason"], base_url=_base_url(request)
        )
    except services.ProposalError as error:
        messages.error(request, str(error))
        return redirect("proposals:detail", pk=proposal.pk)
    if accept:
        messages.success(request, _("Proposition acceptée : la candidature est présélectionnée."))
        return redirect("applications:detail", pk=proposal.application_id)
    messages.success(request, _("Proposition déclinée. Le conseiller est prévenu."))
    return redirect("applications:for_offer", pk=proposal.offer_id)
