"""The CVthèque: who may search it, the selection, invitations to apply."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenant_apps.accounts.enums import Role
from tenant_apps.applications import services as application_services
from tenant_apps.candidates.enums import CvKind
from tenant_apps.candidates.models import Candidate
from tenant_apps.cvtheque.enums import InvitationAnswer
from tenant_apps.cvtheque.models import ApplyInvitation, SavedCandidate
from tenant_apps.offers import services as offer_services
from tenant_apps.offers.enums import ApplicationMethod, OfferStatus
from tenant_apps.offers.models import Offer
from tenant_apps.outbox.services import queue_mail
from tenant_apps.partners import services as partner_services

SEARCHERS = (Role.RECRUITER, Role.ADVISOR, Role.PARTNER)


def may_search(user) -> bool:
    """Recruiters and advisors; partners when the territory granted it to their organisation."""
    if not user.has_role(*SEARCHERS):
        return False
    return user.role != Role.PARTNER or partner_services.may_search_cvtheque(user)


class InvitationError(Exception):
    """An invitation or an answer that is not possible; the message says why."""


def visible_candidate(pk) -> Candidate | None:
    """A candidate who chose the CVthèque; None for anyone else, so that callers answer 404."""
    return (
        Candidate.objects.in_cvtheque()
        .select_related("user", "commune")
        .prefetch_related("occupations", "experiences", "trainings")
        .filter(pk=pk)
        .first()
    )


def invitable_offers(user):
    """The published offers, applied to on the portal, that ``user`` may invite candidates to."""
    offers = Offer.objects.published().filter(application_method=ApplicationMethod.PLATFORM).select_related("employer")
    return [offer for offer in offers.order_by("-published_at") if offer_services.can_manage(user, offer)]


def toggle_saved(user, candidate: Candidate) -> bool:
    """Save or unsave; True when the candidate is now in the selection."""
    deleted, _ = SavedCandidate.objects.filter(user=user, candidate=candidate).delete()
    if deleted:
        return False
    SavedCandidate.objects.get_or_create(user=user, candidate=candidate)
    return True


def invite(*, offer: Offer, candidate: Candidate, message: str, by, base_url: str) -> ApplyInvitation:
    if offer.status != OfferStatus.PUBLISHED or not offer_services.can_manage(by, offer):
        raise InvitationError(_("Choisissez une de vos offres en ligne."))
    if candidate.applications.filter(offer=offer).exists():
        raise InvitationError(_("Cette personne a déjà postulé à cette offre."))
    try:
        with transaction.atomic():
            invitation = ApplyInvitation.objects.create(
                offer=offer, candidate=candidate, message=message.strip(), invited_by=by
            )
            context = {"invitation": invitation, "offer": offer, "link": base_url + reverse("cvtheque:invitations")}
            queue_mail("cvtheque/emails/invitation.txt", [candidate.user.email], context)
    except IntegrityError as error:
        raise InvitationError(_("Cette personne est déjà invitée à postuler à cette offre.")) from error
    return invitation


def answer(invitation: ApplyInvitation, *, accept: bool, base_url: str) -> ApplyInvitation:
    """Yes sends an application (the uploaded CV if any, else the generated one); no closes it."""
    with transaction.atomic():
        invitation = ApplyInvitation.objects.select_for_update().select_related("offer").get(pk=invitation.pk)
        if invitation.answer != InvitationAnswer.PENDING:
            raise InvitationError(_("Vous avez déjà répondu à cette invitation."))
        if accept:
            candidate = invitation.candidate
            try:
                invitation.application = application_services.apply(
                    candidate=candidate,
                    offer=invitation.offer,
                    message=_("Candidature envoyée en réponse à votre invitation."),
                    cv_kind=CvKind.UPLOADED if candidate.cv_file else CvKind.GENERATED,
                    base_url=base_url,
                )
            except application_services.ApplicationError as error:
                raise InvitationError(str(error)) from error
        invitation.answer = InvitationAnswer.ACCEPTED if accept else InvitationAnswer.DECLINED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["answer", "answered_at", "application"])
    return invitation
