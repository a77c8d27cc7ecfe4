"""Pre-selection: an advisor finds candidates for an offer and proposes a short list to
the employer, who answers per candidate; an accepted proposal becomes an application,
already shortlisted, and a hire from it counts as a hire through an advisor.

Only candidates in the CVthèque can be proposed: a proposal shows the profile to an
employer, which is what the candidate agreed to by choosing the CVthèque (in assisted
mode, the agent asks the question explicitly). Someone who said no is asked again by
their advisor, not proposed behind their back.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tenant_apps.accounts.enums import Role
from tenant_apps.applications import services as applications
from tenant_apps.applications.models import Application
from tenant_apps.candidates.enums import CvKind
from tenant_apps.cvtheque.search import CandidateCriteria, search_candidates
from tenant_apps.employers.models import Membership
from tenant_apps.offers.enums import ApplicationMethod, OfferStatus
from tenant_apps.offers.services import can_manage
from tenant_apps.outbox.services import queue_mail
from tenant_apps.proposals.enums import ProposalStatus
from tenant_apps.proposals.models import Proposal

PROPOSERS = (Role.ADVISOR,)
MAX_PROPOSALS = 20  # a short list, not a mailing
NOT_PROPOSABLE = gettext_noop(
    "Seules les offres en ligne qui reçoivent les candidatures par le portail peuvent recevoir des propositions."
)


class ProposalError(Exception):
    """A proposal or an answer that is not possible; the message says why."""


def matching_candidates(offer, *, radius_km: int, available_by=None, text: str = ""):
    """Candidates for ``offer``: its occupation, within ``radius_km`` of its commune and no
    farther than each candidate said they would travel, available in time, with the licence
    or vehicle the job needs, and without a car only if the job is reachable without one;
    nearest first. Those already proposed or who applied are left out."""
    criteria = CandidateCriteria(
        text=text,
        occupation_code=offer.occupation_id,
        latitude=offer.commune.latitude,
        longitude=offer.commune.longitude,
        radius_km=radius_km,
        available_by=available_by,
        driving_licence=offer.driving_licence_required,
        has_vehicle=offer.vehicle_required,
    )
    candidates = search_candidates(criteria).filter(distance_km__lte=F("max_travel_km"), user__is_active=True)
    if not offer.reachable_without_car:
        candidates = candidates.exclude(public_transport_only=True)
    return candidates.exclude(proposals__offer=offer).exclude(applications__offer=offer)


def check_proposable(offer) -> None:
    if offer.status != OfferStatus.PUBLISHED or offer.application_method != ApplicationMethod.PLATFORM:
        raise ProposalError(_(NOT_PROPOSABLE))


def propose(offer, candidates, *, by, message: str, base_url: str) -> list[Proposal]:
    """Propose candidates to the employer: its recruiters get one e-mail with the list, each
    candidate is told their profile was proposed."""
    check_proposable(offer)
    candidates = list(candidates)
    if not candidates:
        raise ProposalError(_("Choisissez au moins une personne à proposer."))
    if len(candidates) > MAX_PROPOSALS:
        raise ProposalError(_("Proposez au plus %(count)s personnes à la fois.") % {"count": MAX_PROPOSALS})
    try:
        with transaction.atomic():
            proposals = Proposal.objects.bulk_create(
                Proposal(offer=offer, candidate=candidate, proposed_by=by, message=message.strip())
                for candidate in candidates
            )
            _notify_employer(offer, proposals, base_url)
            for proposal in proposals:
                if proposal.candidate.user.email and proposal.candidate.user.is_active:
                    context = {"proposal": proposal, "offer": offer, "link": base_url + reverse("applications:mine")}
                    queue_mail("proposals/emails/proposed_to_candidate.txt", [proposal.candidate.user.email], context)
    except IntegrityError as error:
        raise ProposalError(_("Une de ces personnes est déjà proposée pour cette offre.")) from error
    return proposals


def _notify_employer(offer, proposals, base_url: str) -> None:
    recipients = list(
        Membership.objects.filter(employer_id=offer.employer_id, user__is_active=True).values_list(
            "user__email", flat=True
        )
    )
    if recipients:
        link = base_url + reverse("applications:for_offer", kwargs={"pk": offer.pk})
        context = {"offer": offer, "proposals": proposals, "link": link}
        queue_mail("proposals/emails/proposed_to_employer.txt", recipients, context)


def answered_proposal(user, pk) -> Proposal | None:
    """The proposal ``pk`` if ``user`` manages its offer; None otherwise (callers answer 404)."""
    proposal = Proposal.objects.for_display().filter(pk=pk).first()
    return proposal if proposal and can_manage(user, proposal.offer) else None


def answer(proposal: Proposal, *, accept: bool, by, reason: str = "", base_url: str) -> Proposal:
    """The employer's answer. Yes: the candidate applies with the advisor's message and
    their CV, and the application is shortlisted at once. The advisor hears of both."""
    if not can_manage(by, proposal.offer):
        raise ProposalError(_("Vous ne pouvez pas répondre pour cette offre."))
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update(of=("self",)).for_display().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.PENDING:
            raise ProposalError(_("Cette proposition a déjà reçu une réponse."))
        if accept:
            proposal.application = _application_for(proposal, base_url)
            applications.apply_transition(proposal.application, "shortlist", by=by, base_url=base_url)
        proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
        proposal.answer_reason = reason.strip()
        proposal.answered_by = by
        proposal.answered_at = timezone.now()
        proposal.save()
        if proposal.proposed_by and proposal.proposed_by.is_active:
            link = base_url + reverse("proposals:for_offer", kwargs={"pk": proposal.offer_id})
            context = {"proposal": proposal, "link": link}
            queue_mail("proposals/emails/answered.txt", [proposal.proposed_by.email], context)
    return proposal


def _application_for(proposal: Proposal, base_url: str) -> Application:
    candidate = proposal.candidate
    try:
        return applications.apply(
            candidate=candidate,
            offer=proposal.offer,
            message=proposal.message,
            cv_kind=CvKind.UPLOADED if candidate.cv_file else CvKind.GENERATED,
            base_url=base_url,
        )
    except applications.ApplicationError as error:
        raise ProposalError(str(error)) from error
