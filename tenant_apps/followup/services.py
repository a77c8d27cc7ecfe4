"""The advisors' follow-up: candidates' files (situation, advisor, tags, exchanges), one
timeline per candidate, employers prospected, and hires checked 1, 3 and 6 months later."""

import calendar
import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.applications.models import Application, ApplicationTransition, Hire
from tenant_apps.candidates.models import Candidate
from tenant_apps.employers.models import Employer
from tenant_apps.followup.enums import CONTACT_KINDS, HIRE_CHECK_MONTHS, ApplicationOrigin, FollowUpStatus
from tenant_apps.followup.models import EmployerContact, FollowUp, HireCheck, Interaction
from tenant_apps.forums.models import Registration
from tenant_apps.offers.enums import OfferStatus
from tenant_apps.offers.models import Offer
from tenant_apps.outbox.services import queue_mail
from tenant_apps.proposals.models import Proposal

FOLLOWERS = (Role.ADVISOR, Role.TERRITORY_ADMIN)
OPEN_NEED_STATUSES = [OfferStatus.DRAFT, OfferStatus.SUBMITTED, OfferStatus.PUBLISHED]


# Candidates


def portfolio():
    """Every candidate with their follow-up (a missing one reads as new and unassigned)."""
    return Candidate.objects.select_related("user", "commune", "followup__advisor").annotate(
        situation=Coalesce("followup__status", Value(FollowUpStatus.NEW)),
        last_contact_at=F("followup__last_contact_at"),
    )


def update_followup(candidate, *, advisor, status: str, tags: list[str]) -> FollowUp:
    followup, _created = FollowUp.objects.update_or_create(
        candidate=candidate,
        defaults={"advisor": advisor, "status": status, "tags": sorted({tag.strip().lower() for tag in tags if tag})},
    )
    return followup


def record_interaction(candidate, *, kind: str, text: str, happened_at, by) -> Interaction:
    """An exchange in the candidate's file; a contact (not a note) dates the last contact."""
    with transaction.atomic():
        interaction = Interaction.objects.create(
            candidate=candidate, kind=kind, text=text.strip(), happened_at=happened_at, author=by
        )
        if kind in CONTACT_KINDS:
            followup, created = FollowUp.objects.get_or_create(
                candidate=candidate, defaults={"last_contact_at": happened_at}
            )
            if not created:
                FollowUp.objects.filter(pk=followup.pk).update(
                    last_contact_at=Greatest(Coalesce("last_contact_at", Value(happened_at)), Value(happened_at))
                )
    return interaction


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    label: str
    text: str = ""
    by: object = None
    url: str = ""
    internal: bool = False  # staff only


def timeline(candidate) -> list[TimelineEntry]:
    """Everything that happened to the candidate, newest first: one query per source."""
    entries = [
        TimelineEntry(
            candidate.created_at,
            _("Profil créé avec un agent") if candidate.created_by_id else _("Inscription en ligne"),
            by=candidate.created_by,
        )
    ]
    entries += [
        TimelineEntry(item.happened_at, item.get_kind_display(), item.text, item.author, internal=True)
        for item in Interaction.objects.filter(candidate=candidate).select_related("author")
    ]
    transitions = ApplicationTransition.objects.filter(application__candidate=candidate).select_related(
        "application__offer", "by"
    )
    entries += [
        TimelineEntry(
            step.at,
            _("Candidature « %(offer)s » : %(status)s")
            % {"offer": step.application.offer.title, "status": step.get_to_status_display()},
            step.reason,
            step.by,
            reverse("applications:detail", args=[step.application_id]),
        )
        for step in transitions
    ]
    for proposal in Proposal.objects.filter(candidate=candidate).select_related("offer", "proposed_by", "answered_by"):
        entries.append(
            TimelineEntry(
                proposal.created_at,
                _("Proposé(e) pour « %(offer)s »") % {"offer": proposal.offer.title},
                proposal.message,
                proposal.proposed_by,
                reverse("proposals:for_offer", args=[proposal.offer_id]),
            )
        )
        if proposal.answered_at:
            entries.append(
                TimelineEntry(
                    proposal.answered_at,
                    _("Réponse de l'employeur pour « %(offer)s » : %(status)s")
                    % {"offer": proposal.offer.title, "status": proposal.get_status_display()},
                    proposal.answer_reason,
                    proposal.answered_by,
                )
            )
    for registration in Registration.objects.filter(candidate=candidate).select_related("forum", "registered_by"):
        entries.append(
            TimelineEntry(
                registration.created_at,
                _("Inscription au %(forum)s") % {"forum": registration.forum.title},
                by=registration.registered_by,
            )
        )
        if registration.attended_at:
            entries.append(
                TimelineEntry(
                    registration.attended_at, _("Présent(e) au %(forum)s") % {"forum": registration.forum.title}
                )
            )
    checks = HireCheck.objects.filter(hire__application__candidate=candidate, answered_at__isnull=False)
    entries += [
        TimelineEntry(
            check.answered_at,
            _("%(months)s mois après l'embauche : %(answer)s")
            % {
                "months": check.months,
                "answer": _("toujours en poste") if check.still_employed else _("plus en poste"),
            },
            by=check.answered_by,
        )
        for check in checks.select_related("answered_by")
    ]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


# Employers


def employers_overview():
    """Employers with their last contact and their open needs (offers not closed)."""
    last_contact = EmployerContact.objects.filter(employer=OuterRef("pk")).order_by("-happened_at")
    open_needs = (
        Offer.objects.filter(employer=OuterRef("pk"), status__in=OPEN_NEED_STATUSES)
        .order_by()
        .values("employer")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Employer.objects.select_related("commune").annotate(
        last_contact_at=Subquery(last_contact.values("happened_at")[:1]),
        open_needs=Coalesce(Subquery(open_needs, output_field=IntegerField()), 0),
    )


def record_employer_contact(employer, *, kind: str, text: str, happened_at, by) -> EmployerContact:
    return EmployerContact.objects.create(
        employer=employer, kind=kind, text=text.strip(), happened_at=happened_at, author=by
    )


# Offers


def _count(model, **match):
    """How many ``model`` rows point at the outer offer, as a subquery: two ``Count`` joins
    on the same query would multiply each other (applications times hires)."""
    rows = model.objects.filter(**match).order_by().values(*match).annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def offers_overview():
    """Every offer of the territory with its employer and how many applications and hires it
    received: the whole page in one query."""
    return (
        Offer.objects.for_display()
        .select_related("employer", "commune")
        .annotate(
            applications_count=_count(Application, offer=OuterRef("pk")),
            hires_count=_count(Hire, offer=OuterRef("pk")),
        )
    )


# Applications


def applications_overview():
    """Every application of the territory with its candidate (None once they erased their
    account), its offer, its employer and its origin."""
    return Application.objects.select_related("candidate__user", "offer__employer").annotate(
        origin=Case(
            # Exists rather than a join on the proposal: the page's count then reads one table.
            When(Exists(Proposal.objects.filter(application=OuterRef("pk"))), then=Value(ApplicationOrigin.PROPOSED)),
            When(on_behalf_by__isnull=False, then=Value(ApplicationOrigin.ON_BEHALF)),
            default=Value(ApplicationOrigin.APPLIED),
        )
    )


# Hires, checked later


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day (31 January + 1 month: 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def schedule_checks(hire: Hire) -> None:
    """Checks for a hire of a known person (one who applied through the portal)."""
    if hire.application_id is None:
        return
    HireCheck.objects.bulk_create(
        [HireCheck(hire=hire, months=months, due_on=add_months(hire.hired_on, months)) for months in HIRE_CHECK_MONTHS],
        ignore_conflicts=True,
    )


def due_checks(today=None):
    return (
        HireCheck.objects.due(today or timezone.localdate())
        .filter(hire__application__candidate__isnull=False)  # erased people are not followed
        .select_related("hire__offer__employer", "hire__application__candidate__user")
        .order_by("due_on", "pk")
    )


def answer_check(check: HireCheck, *, still_employed: bool, by) -> None:
    """The answer, and the candidate's situation with it: in a job, or looking again."""
    with transaction.atomic():
        updated = HireCheck.objects.filter(pk=check.pk, answered_at__isnull=True).update(
            still_employed=still_employed, answered_at=timezone.now(), answered_by=by
        )
        if updated:
            status = FollowUpStatus.EMPLOYED if still_employed else FollowUpStatus.ACTIVE
            FollowUp.objects.update_or_create(
                candidate_id=check.hire.application.candidate_id, defaults={"status": status}
            )


def send_check_reminders(*, base_url: str, today=None) -> int:
    """One e-mail per advisor with the checks due for their candidates; checks of
    unassigned candidates go to every advisor. Each check is reminded once."""
    with transaction.atomic():
        checks = list(
            due_checks(today)
            .filter(reminded_at__isnull=True)
            .select_related("hire__application__candidate__followup__advisor")
            .select_for_update(of=("self",), skip_locked=True)
        )
        if not checks:
            return 0
        advisors = list(User.objects.filter(role=Role.ADVISOR, is_active=True).values_list("email", flat=True))
        by_recipient: dict[str, list[HireCheck]] = {}
        for check in checks:
            followup = getattr(check.hire.application.candidate, "followup", None)
            advisor = followup.advisor if followup else None
            recipients = [advisor.email] if advisor and advisor.is_active else advisors
            for email in recipients:
                by_recipient.setdefault(email, []).append(check)
        link = base_url + reverse("followup:hire_checks")
        for email, reminded in by_recipient.items():
            queue_mail("followup/emails/hire_checks.txt", [email], {"checks": reminded, "link": link})
        HireCheck.objects.filter(pk__in=[check.pk for check in checks]).update(reminded_at=timezone.now())
    return len(by_recipient)
