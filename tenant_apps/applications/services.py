"""Applications: submitted → seen → shortlisted → interview → hired / not retained / withdrawn.

Every change goes through :func:`apply_transition`, which checks the move and the
person, and records who made it, when and why. The candidate sees the state and
the reason; the recruiter's notes stay internal.
"""

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenant_apps.accounts.enums import Role
from tenant_apps.applications.enums import ApplicationStatus, HireSource
from tenant_apps.applications.models import (
    Application,
    ApplicationNote,
    ApplicationTransition,
    ExternalApplicationClick,
    Hire,
)
from tenant_apps.candidates.enums import CvKind
from tenant_apps.candidates.services import generated_cv
from tenant_apps.employers.enums import ApplicationAlerts
from tenant_apps.employers.models import Membership
from tenant_apps.offers import services as offer_services
from tenant_apps.offers.enums import ApplicationMethod, OfferStatus
from tenant_apps.offers.models import Offer
from tenant_apps.outbox.services import queue_mail

S = ApplicationStatus


class ApplicationError(Exception):
    """An application or a change that is not allowed; the message says why."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: ApplicationStatus
    by_recruiter: bool = True  # else: by the candidate


OPEN = frozenset({S.SUBMITTED, S.SEEN, S.SHORTLISTED, S.INTERVIEW})
TRANSITIONS = {
    t.name: t
    for t in [
        Transition("shortlist", gettext_lazy("Présélectionner"), frozenset({S.SUBMITTED, S.SEEN}), S.SHORTLISTED),
        Transition("interview", gettext_lazy("Proposer un entretien"), OPEN - {S.INTERVIEW}, S.INTERVIEW),
        Transition("hire", gettext_lazy("Recruter"), OPEN, S.HIRED),
        Transition("reject", gettext_lazy("Ne pas retenir"), OPEN, S.REJECTED),
        Transition("withdraw", gettext_lazy("Retirer ma candidature"), OPEN, S.WITHDRAWN, by_recruiter=False),
    ]
}


def can_follow(user, offer: Offer) -> bool:
    """Who follows an offer's applications: those who manage the offer."""
    return offer_services.can_manage(user, offer)


def followed_application(user, pk) -> Application | None:
    """The application ``pk`` if ``user`` follows its offer; None otherwise, so that
    callers answer as if it did not exist."""
    application = (
        Application.objects.select_related("offer", "offer__employer", "candidate", "candidate__user", "proposal")
        .filter(pk=pk)
        .first()
    )
    return application if application and can_follow(user, application.offer) else None


def apply(*, candidate, offer: Offer, message: str, cv_kind: str, base_url: str, on_behalf_by=None) -> Application:
    """Send the profile, a CV (a copy of the uploaded one, or one generated now) and a message;
    ``on_behalf_by``: the agent who sends it for the person (assisted mode, checked by the caller)."""
    if offer.status != OfferStatus.PUBLISHED:
        raise ApplicationError(_("Cette offre n'est plus en ligne : elle ne reçoit plus de candidatures."))
    if offer.application_method != ApplicationMethod.PLATFORM:
        raise ApplicationError(_("Pour cette offre, postulez auprès de l'employeur par le lien indiqué."))
    if cv_kind == CvKind.UPLOADED and not candidate.cv_file:
        raise ApplicationError(_("Vous n'avez pas déposé de CV : choisissez le CV créé depuis votre profil."))
    if Application.objects.filter(candidate=candidate, offer=offer).exists():
        raise ApplicationError(_("Vous avez déjà postulé à cette offre."))
    if cv_kind == CvKind.UPLOADED:
        with candidate.cv_file.open("rb") as uploaded:
            content = uploaded.read()
    else:
        content = generated_cv(candidate, for_recruiter=True)
    try:
        with transaction.atomic():
            application = Application(
                candidate=candidate, offer=offer, message=message.strip(), cv_kind=cv_kind, on_behalf_by=on_behalf_by
            )
            application.cv.save("cv.pdf", ContentFile(content), save=False)
            application.save()
            ApplicationTransition.objects.create(
                application=application,
                to_status=S.SUBMITTED,
                by=on_behalf_by or candidate.user,
                on_behalf=on_behalf_by is not None,
            )
            _notify_recruiters(application, base_url)
    except IntegrityError as error:  # the same application sent twice at the same moment
        application.cv.storage.delete(application.cv.name)
        raise ApplicationError(_("Vous avez déjà postulé à cette offre.")) from error
    return application


def _notify_recruiters(application: Application, base_url: str) -> None:
    """Recruiters who want each application hear of it now; the others in the daily summary."""
    recipients = list(
        Membership.objects.filter(
            employer_id=application.offer.employer_id,
            user__is_active=True,
            application_alerts=ApplicationAlerts.INSTANT,
        ).values_list("user__email", flat=True)
    )
    if recipients:
        link = base_url + reverse("applications:detail", kwargs={"pk": application.pk})
        context = {"application": application, "offer": application.offer, "link": link}
        queue_mail("applications/emails/new_application.txt", recipients, context)


def send_daily_summaries(*, base_url: str, now=None) -> int:
    """One e-mail per recruiter who chose the daily summary: yesterday's applications to their employer's offers."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=1)
    applications = list(
        Application.objects.filter(created_at__gt=since, created_at__lte=now)
        .select_related("offer", "candidate__user")
        .order_by("offer__title", "created_at")
    )
    by_employer = {}
    for application in applications:
        by_employer.setdefault(application.offer.employer_id, []).append(application)
    memberships = Membership.objects.filter(
        employer_id__in=by_employer, user__is_active=True, application_alerts=ApplicationAlerts.DAILY
    ).select_related("user")
    sent = 0
    for membership in memberships:
        context = {"applications": by_employer[membership.employer_id], "base_url": base_url}
        queue_mail("applications/emails/daily_summary.txt", [membership.user.email], context)
        sent += 1
    return sent


def mark_seen(application: Application, by) -> None:
    """The first time a recruiter opens an application, the candidate knows it was read."""
    if application.status == S.SUBMITTED and not by.has_role(Role.CANDIDATE):
        with transaction.atomic():
            updated = Application.objects.filter(pk=application.pk, status=S.SUBMITTED).update(
                status=S.SEEN, updated_at=timezone.now()
            )
            if updated:
                ApplicationTransition.objects.create(
                    application=application, from_status=S.SUBMITTED, to_status=S.SEEN, by=by
                )
                application.status = S.SEEN


def available_transitions(user, application: Application) -> list[Transition]:
    if user.has_role(Role.CANDIDATE):
        allowed = application.candidate.user_id == user.pk
        return [t for t in TRANSITIONS.values() if allowed and not t.by_recruiter and application.status in t.sources]
    if not can_follow(user, application.offer):
        return []
    return [t for t in TRANSITIONS.values() if t.by_recruiter and application.status in t.sources]


def apply_transition(
    application: Application, name: str, *, by, reason: str = "", hired_on=None, base_url: str = ""
) -> Application:
    transition = TRANSITIONS[name]
    if transition not in available_transitions(by, application):
        raise ApplicationError(
            _("Action « %(action)s » impossible sur une candidature « %(status)s ».")
            % {"action": transition.label, "status": application.get_status_display()}
        )
    with transaction.atomic():
        application = Application.objects.select_for_update().select_related("offer").get(pk=application.pk)
        if application.status not in transition.sources:  # changed meanwhile
            raise ApplicationError(
                _("Cette candidature est maintenant « %(status)s ».") % {"status": application.get_status_display()}
            )
        previous = application.status
        application.status = transition.target
        application.save(update_fields=["status", "updated_at"])
        ApplicationTransition.objects.create(
            application=application, from_status=previous, to_status=transition.target, by=by, reason=reason.strip()
        )
        if transition.target == S.HIRED:
            # A candidate an advisor proposed (proposals) is a hire through the advisor.
            source = HireSource.ADVISOR if hasattr(application, "proposal") else HireSource.PLATFORM
            record_hire(application.offer, by=by, source=source, hired_on=hired_on, application=application)
        if base_url:
            _notify_candidate(application, reason.strip(), base_url)
    return application


def _notify_candidate(application: Application, reason: str, base_url: str) -> None:
    user = application.candidate.user
    if application.status == S.WITHDRAWN or not user.is_active:
        return
    link = base_url + reverse("applications:mine")
    context = {"application": application, "offer": application.offer, "reason": reason, "link": link}
    queue_mail("applications/emails/status_changed.txt", [user.email], context)


def record_hire(offer: Offer, *, by, source: str, hired_on=None, application=None) -> Hire:
    """A position filled: the last one marks the offer filled."""
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer.pk)
        hire = Hire.objects.create(
            offer=offer,
            application=application,
            source=source,
            hired_on=hired_on or timezone.localdate(),
            recorded_by=by,
        )
        if offer.status == OfferStatus.PUBLISHED and offer.hires.count() >= offer.positions:
            offer_services.apply_transition(offer, "mark_filled")
    return hire


def positions_left(offer: Offer) -> int:
    return max(0, offer.positions - offer.hires.count())


def add_note(application: Application, *, author, text: str) -> ApplicationNote:
    text = text.strip()
    if not text:
        raise ApplicationError(_("La note est vide."))
    return ApplicationNote.objects.create(application=application, author=author, text=text[:2000])


def record_external_click(offer: Offer, user) -> None:
    ExternalApplicationClick.objects.create(offer=offer, user=user if user.is_authenticated else None)
