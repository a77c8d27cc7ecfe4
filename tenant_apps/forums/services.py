"""The job forum: employers and their offers, registrations, attendance on the day, hires credited."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tenant_apps.accounts.enums import Role
from tenant_apps.applications.models import Hire
from tenant_apps.forums.models import Forum, ForumHire, Participant, Registration
from tenant_apps.outbox.services import queue_mail

ORGANISERS = (Role.ADVISOR, Role.TERRITORY_ADMIN)
# Reception agents register people and check them in on the day; they do not organise.
DESK = (Role.RECEPTION_AGENT, *ORGANISERS)
# Hires this long after the forum are still suggested as its own.
CREDIT_WINDOW = datetime.timedelta(days=180)


class ForumError(Exception):
    """An operation the forum's state refuses; the message says why."""


def add_participant(forum: Forum, employer, *, stand: str = "") -> Participant:
    """Add an employer to the forum, or update its stand."""
    participant, _created = Participant.objects.update_or_create(
        forum=forum, employer=employer, defaults={"stand": stand}
    )
    return participant


def register(forum: Forum, candidate, *, employers=(), by=None, base_url: str) -> Registration:
    """Register a candidate (themselves, or an agent: ``by``) and e-mail the confirmation."""
    if not forum.accepts_registrations:
        raise ForumError(_("Les inscriptions à ce forum sont closes."))
    try:
        with transaction.atomic():
            registration = Registration.objects.create(forum=forum, candidate=candidate, registered_by=by)
            registration.employers.set(employers)
            if candidate.user.email and candidate.user.has_usable_password():
                context = {
                    "forum": forum,
                    "registration": registration,
                    "link": base_url + reverse("forums:detail", args=[forum.pk]),
                }
                queue_mail("forums/emails/registration_confirmed.txt", [candidate.user.email], context)
    except IntegrityError as error:
        raise ForumError(_("Cette personne est déjà inscrite à ce forum.")) from error
    return registration


def cancel_registration(registration: Registration) -> None:
    if registration.forum.is_over:
        raise ForumError(_("Le forum est passé : l'inscription est conservée."))
    registration.delete()


def check_in(registration: Registration, by) -> None:
    """Note the person present; again, it changes nothing (two agents at the door)."""
    Registration.objects.filter(pk=registration.pk, attended_at__isnull=True).update(
        attended_at=timezone.now(), checked_in_by=by
    )


def undo_check_in(registration: Registration) -> None:
    Registration.objects.filter(pk=registration.pk).update(attended_at=None, checked_in_by=None)


def credit_hire(forum: Forum, registration: Registration, participant: Participant, *, hired_on, by, hire=None):
    """Credit the forum with a hire of someone registered, by an employer present."""
    if registration.forum_id != forum.pk or participant.forum_id != forum.pk:
        raise ForumError(_("Cette personne ou cet employeur ne participe pas à ce forum."))
    if hired_on < forum.starts_at.date():
        raise ForumError(_("Un recrutement antérieur au forum ne peut pas lui être attribué."))
    try:
        with transaction.atomic():
            return ForumHire.objects.create(
                forum=forum,
                registration=registration,
                participant=participant,
                hire=hire,
                hired_on=hired_on,
                recorded_by=by,
            )
    except IntegrityError as error:
        raise ForumError(_("Ce recrutement est déjà attribué au forum.")) from error


def hire_suggestions(forum: Forum):
    """Hires recorded on the portal since the forum, of people who came, by employers who were
    there, not credited yet: the forum's likely fruits, credited in one click."""
    attended = Registration.objects.filter(
        forum=forum, attended_at__isnull=False, candidate=OuterRef("application__candidate")
    )
    present = Participant.objects.filter(forum=forum, employer=OuterRef("offer__employer"))
    return (
        Hire.objects.filter(
            Exists(attended),
            Exists(present),
            hired_on__gte=forum.starts_at.date(),
            hired_on__lte=forum.ends_at.date() + CREDIT_WINDOW,
        )
        .filter(Q(forum_credit__isnull=True))
        .select_related("offer__employer", "application__candidate__user")
    )


def credit_suggested_hire(forum: Forum, hire: Hire, by) -> ForumHire:
    if not hire_suggestions(forum).filter(pk=hire.pk).exists():
        raise ForumError(_("Ce recrutement ne peut pas être attribué à ce forum."))
    registration = Registration.objects.get(forum=forum, candidate=hire.application.candidate)
    participant = Participant.objects.get(forum=forum, employer=hire.offer.employer)
    return credit_hire(forum, registration, participant, hired_on=hire.hired_on, by=by, hire=hire)


def registrations_for_export(forum: Forum, participant: Participant | None = None):
    """The registrations to export, all or those who want to meet one employer."""
    registrations = Registration.objects.filter(forum=forum).select_related("candidate__user", "candidate__commune")
    if participant is not None:
        registrations = registrations.filter(employers=participant)
    return registrations.prefetch_related("candidate__occupations")


def export_rows(registrations):
    """One line per person. Contact details a candidate chose to hide are left out: the
    employer meets them at the forum, or writes through the portal."""
    for registration in registrations:
        candidate = registration.candidate
        user = candidate.user
        hidden = candidate.hide_contact
        yield [
            user.last_name if not hidden else "",
            user.first_name if not hidden else candidate.display_name,
            candidate.commune.name if candidate.commune else "",
            ", ".join(occupation.label for occupation in candidate.occupations.all()),
            "" if hidden else user.email,
            "" if hidden else candidate.phone,
            registration.created_at.date().isoformat(),
            _("oui") if registration.attended_at else _("non"),
        ]


def export_header() -> list[str]:
    return [
        _("Nom"),
        _("Prénom"),
        _("Commune"),
        _("Métiers recherchés"),
        _("E-mail"),
        _("Téléphone"),
        _("Inscrit le"),
        _("Présent"),
    ]
