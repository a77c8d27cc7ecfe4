"""Candidate accounts and profiles: sign-up, the profile steps, the CV, consent."""

import datetime
import secrets
import uuid

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.accounts.services import verification_link
from tenant_apps.audit import services as audit
from tenant_apps.audit.enums import AuditAction
from tenant_apps.candidates.enums import ConsentMethod, OnBehalfKind, ProfileStep
from tenant_apps.candidates.models import (
    AssistedRegistration,
    Candidate,
    OnBehalfAction,
    ProfileView,
    refresh_search_vectors,
)
from tenant_apps.candidates.pdf import CvDocument, CvEntry, check_cv_upload, render_cv
from tenant_apps.outbox.services import queue_mail


def register_candidate(*, email: str, password: str, first_name: str, last_name: str, phone: str, base_url: str):
    """The account and an empty profile, inactive until the e-mail link is opened."""
    with transaction.atomic():
        user = User.objects.create_user(
            email, password, role=Role.CANDIDATE, first_name=first_name, last_name=last_name, is_active=False
        )
        Candidate.objects.create(user=user, phone=phone)
        link = verification_link(user, base_url)
        queue_mail("candidates/emails/verify.txt", [email], {"user": user, "link": link})
    return user


def step_is_done(candidate: Candidate, step: ProfileStep) -> bool:
    """Whether a step holds something (``prefetch_related`` the lists to avoid queries)."""
    return {
        ProfileStep.HOME: candidate.commune_id is not None,
        ProfileStep.WISHES: bool(candidate.occupations.all()),
        ProfileStep.EXPERIENCES: bool(candidate.experiences.all()),
        ProfileStep.TRAININGS: bool(candidate.trainings.all()),
        ProfileStep.SKILLS: bool(candidate.skills or candidate.languages),
        ProfileStep.PRESENTATION: bool(candidate.presentation),
        ProfileStep.CV: bool(candidate.cv_file) or candidate.cvtheque_consent_at is not None,
    }[step]


def save_step(candidate: Candidate, step: ProfileStep, form) -> None:
    """Save one step's form (or formset) and the profile's search text, together."""
    with transaction.atomic():
        if step == ProfileStep.CV:
            save_cv_step(candidate, form)
        else:
            form.save()
            if step == ProfileStep.WISHES:
                set_occupations(candidate, form.occupations())
        refresh_profile_text(candidate)


def set_occupations(candidate: Candidate, occupations) -> None:
    """The wanted occupations, and their codes on the row for the CVthèque's index."""
    candidate.occupations.set(occupations)
    candidate.occupation_codes = sorted(occupation.code for occupation in occupations)
    candidate.save(update_fields=["occupation_codes", "updated_at"])


def refresh_profile_text(candidate: Candidate) -> None:
    refresh_search_vectors([candidate.pk])


def save_cv_step(candidate: Candidate, form) -> None:
    data = form.cleaned_data
    if data.get("cv"):
        set_cv(candidate, data["cv"])
    elif data.get("remove_cv"):
        remove_cv(candidate)
    set_visibility(candidate, visible=data["cvtheque_visible"], hide_contact=data["hide_contact"])


def set_cv(candidate: Candidate, uploaded) -> None:
    """Keep a checked PDF (ValidationError otherwise, nothing changed) and its text for the CVthèque search."""
    checked = check_cv_upload(uploaded)
    uploaded.seek(0)
    previous = candidate.cv_file.name
    candidate.cv_file.save("cv.pdf", ContentFile(uploaded.read()), save=False)
    candidate.cv_text = checked.text
    candidate.cv_uploaded_at = timezone.now()
    candidate.save(update_fields=["cv_file", "cv_text", "cv_uploaded_at", "updated_at"])
    if previous:
        _delete_file_on_commit(candidate.cv_file.storage, previous)


def remove_cv(candidate: Candidate) -> None:
    if not candidate.cv_file:
        return
    _delete_file_on_commit(candidate.cv_file.storage, candidate.cv_file.name)
    candidate.cv_file = ""
    candidate.cv_text = ""
    candidate.cv_uploaded_at = None
    candidate.save(update_fields=["cv_file", "cv_text", "cv_uploaded_at", "updated_at"])


def _delete_file_on_commit(storage, name: str) -> None:
    # Only once the database no longer names it: a rollback must not lose the file.
    transaction.on_commit(lambda: storage.delete(name), robust=True)


def set_visibility(candidate: Candidate, *, visible: bool, hide_contact: bool) -> None:
    """The CVthèque is the candidate's choice: the moment they say yes is kept as their consent."""
    # The stored choice, not the instance's: a bound form has already changed the latter.
    was_visible = Candidate.objects.select_for_update().values_list("cvtheque_visible", flat=True).get(pk=candidate.pk)
    if visible and not was_visible:
        candidate.cvtheque_consent_at = timezone.now()
    if not visible:
        candidate.cvtheque_consent_at = None
    candidate.cvtheque_visible = visible
    candidate.hide_contact = hide_contact
    candidate.save(update_fields=["cvtheque_visible", "cvtheque_consent_at", "hide_contact", "updated_at"])


def cv_document(candidate: Candidate, *, for_recruiter: bool = False) -> CvDocument:
    """The profile as a CV; a recruiter's copy leaves out what the candidate hides."""
    user = candidate.user
    hidden = for_recruiter and candidate.hide_contact
    contact = [] if hidden else [line for line in (user.email, candidate.phone) if line]
    mobility = []
    if candidate.driving_licence:
        mobility.append(_("Permis B"))
    if candidate.has_vehicle:
        mobility.append(_("Véhicule personnel"))
    if candidate.public_transport_only:
        mobility.append(_("Se déplace en transports en commun, à vélo ou à pied"))
    mobility.append(_("Jusqu'à %(km)s km du domicile") % {"km": candidate.max_travel_km})
    territory = connection.tenant
    return CvDocument(
        full_name=candidate.display_name if for_recruiter else (user.get_full_name() or user.email),
        headline=" · ".join(occupation.label for occupation in candidate.occupations.all()),
        commune=candidate.commune.name if candidate.commune_id else "",
        contact_lines=contact,
        presentation=candidate.presentation,
        mobility_lines=mobility,
        availability=(
            _("Disponible à partir du %(date)s") % {"date": candidate.available_from.strftime("%d/%m/%Y")}
            if candidate.available_from
            else ""
        ),
        experiences=[
            CvEntry(e.title, e.organisation, e.place, e.period, e.description) for e in candidate.experiences.all()
        ],
        trainings=[
            CvEntry(t.title, t.organisation, "", str(t.year or ""), t.description) for t in candidate.trainings.all()
        ],
        skills=list(candidate.skills),
        languages=list(candidate.languages),
        accent_colour=territory.primary_color,
        territory_name=territory.name,
    )


def generated_cv(candidate: Candidate, *, for_recruiter: bool = False) -> bytes:
    return render_cv(cv_document(candidate, for_recruiter=for_recruiter))


def record_profile_view(candidate: Candidate, viewer) -> None:
    """Every look at a profile by someone else is kept: the candidate sees who."""
    if viewer.pk != candidate.user_id:
        ProfileView.objects.create(candidate=candidate, viewer=viewer)


# Assisted mode: an agent builds the profile with the person, who takes the account over later.

ON_BEHALF_ROLES = (Role.RECEPTION_AGENT, Role.ADVISOR, Role.TERRITORY_ADMIN)
# No 0/O, 1/I/L: read off paper and typed by someone not at ease with a keyboard.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
CODE_VALIDITY = datetime.timedelta(days=30)
CODE_MAX_FAILED_ATTEMPTS = 5
# A login needs a unique address: people without one get a reserved, undeliverable one
# (RFC 2606) until they give theirs when they take the account over.
NO_EMAIL_DOMAIN = "sans-email.invalid"


class TakeoverError(Exception):
    """The code or the address given to take an account over is refused; ``field`` says which."""

    def __init__(self, message: str, field: str = "code"):
        super().__init__(message)
        self.field = field


def has_email(user) -> bool:
    return not user.email.endswith("@" + NO_EMAIL_DOMAIN)


def can_act_on_behalf(agent, candidate: Candidate) -> bool:
    """The territory's agents act for a person whose profile one of them built, until the
    person takes the account over (the candidate is always of the agent's schema).

    A password set any other way (the admin, a reset link) ends it too: whoever holds
    a password holds the account."""
    assisted = getattr(candidate, "assisted", None)
    return (
        agent.has_role(*ON_BEHALF_ROLES)
        and assisted is not None
        and assisted.taken_over_at is None
        and not candidate.user.has_usable_password()
    )


# What each action done for the person is in the territory's audit journal.
AUDIT_ACTIONS = {
    OnBehalfKind.CREATED: AuditAction.CREATED,
    OnBehalfKind.PROFILE_CHANGED: AuditAction.UPDATED,
    OnBehalfKind.APPLIED: AuditAction.UPDATED,
    OnBehalfKind.ACTIVATION_SENT: AuditAction.UPDATED,
    OnBehalfKind.SHEET_PRINTED: AuditAction.UPDATED,
}


def record_on_behalf(candidate: Candidate, agent, kind: OnBehalfKind, details: str = "") -> OnBehalfAction:
    """Keep what an agent did for the person: they see it in their space, and the territory
    in its audit journal."""
    audit.record(
        agent,
        AUDIT_ACTIONS[kind],
        candidate,
        on_behalf_of=candidate.user,
        details={"on_behalf": str(kind), "details": details},
    )
    return OnBehalfAction.objects.create(candidate=candidate, agent=agent, kind=kind, details=details[:200])


def create_assisted_candidate(
    agent,
    *,
    first_name: str,
    last_name: str,
    email: str,
    profile: Candidate,
    occupations,
    cvtheque_visible: bool,
    hide_contact: bool,
    consent_method: ConsentMethod,
    base_url: str,
) -> Candidate:
    """The account (without a password: the person chooses it when taking over), the profile
    filled in by the step forms (``profile``, unsaved), the consent as the agent recorded it,
    and, when the person has an address, the e-mail with which they take the account over."""
    with transaction.atomic():
        user = User.objects.create_user(
            email or f"{uuid.uuid4().hex}@{NO_EMAIL_DOMAIN}",
            None,
            role=Role.CANDIDATE,
            first_name=first_name,
            last_name=last_name,
        )
        profile.user = user
        profile.created_by = agent
        profile.save()
        set_occupations(profile, occupations)
        set_visibility(profile, visible=cvtheque_visible, hide_contact=hide_contact)
        AssistedRegistration.objects.create(
            candidate=profile, consent_method=consent_method, consent_recorded_by=agent, consent_at=timezone.now()
        )
        record_on_behalf(profile, agent, OnBehalfKind.CREATED)
        refresh_profile_text(profile)
        if email:
            send_activation_email(profile, agent, base_url)
    return profile


def send_activation_email(candidate: Candidate, agent, base_url: str) -> None:
    """The link with which the person sets a password: Django's reset token, which changes
    with the password (it works once) and expires after PASSWORD_RESET_TIMEOUT."""
    user = candidate.user
    path = reverse(
        "candidates:take_over_link",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "agent": agent,
        "link": base_url + path,
        "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        "territory": connection.tenant,
    }
    with transaction.atomic():
        queue_mail("candidates/emails/assisted_activation.txt", [user.email], context)
        record_on_behalf(candidate, agent, OnBehalfKind.ACTIVATION_SENT, user.email)


def new_activation_code(candidate: Candidate, agent) -> str:
    """A new one-time code for the printed sheet (the previous one stops working), stored hashed:
    only the sheet shows it."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _index in range(CODE_LENGTH))
    with transaction.atomic():
        AssistedRegistration.objects.filter(candidate=candidate).update(
            code_hash=make_password(code), code_expires_at=timezone.now() + CODE_VALIDITY, code_failed_attempts=0
        )
        record_on_behalf(candidate, agent, OnBehalfKind.SHEET_PRINTED)
    return code


def normalize_code(text: str) -> str:
    return "".join(character for character in text.upper() if character.isalnum())


def take_over_with_code(*, file_number: int, code: str, email: str, password: str) -> User:
    """The person of a printed sheet takes the account over: the sheet's file number finds
    the account, its code proves the sheet is theirs; they give their address (their
    login from now on) and a password. A code works once, for CODE_VALIDITY, and dies after
    CODE_MAX_FAILED_ATTEMPTS wrong tries (the agent then prints a new sheet)."""
    invalid = _("Ce code n'est pas valable : vérifiez le numéro de dossier et le code, ou demandez une nouvelle fiche.")
    with transaction.atomic():
        assisted = (
            AssistedRegistration.objects.select_for_update()
            .select_related("candidate__user")
            .filter(candidate_id=file_number)
            .first()
        )
        if (
            assisted is None
            or assisted.taken_over_at is not None
            or not assisted.code_hash
            or assisted.code_expires_at <= timezone.now()
        ):
            raise TakeoverError(invalid)
        if not check_password(normalize_code(code), assisted.code_hash):
            # Counted outside a rollback: the error is raised once the count is saved.
            assisted.code_failed_attempts += 1
            left = CODE_MAX_FAILED_ATTEMPTS - assisted.code_failed_attempts
            if left <= 0:
                assisted.code_hash = ""
            assisted.save(update_fields=["code_failed_attempts", "code_hash"])
            wrong = (
                _("Code erroné. Il vous reste %(count)s essai(s).") % {"count": left}
                if left > 0
                else _("Code erroné trop de fois : il ne fonctionne plus. Demandez une nouvelle fiche à l'accueil.")
            )
        else:
            wrong = ""
            user = assisted.candidate.user
            if User.objects.filter(email=email).exclude(pk=user.pk).exists():
                raise TakeoverError(_("Un compte existe déjà avec cette adresse : utilisez-en une autre."), "email")
            user.email = email
            user.set_password(password)
            user.save(update_fields=["email", "password"])
            _end_assistance(assisted)
    if wrong:
        raise TakeoverError(wrong)
    return user


def mark_taken_over(user) -> None:
    """The person set their password from the e-mailed link: agents stop acting for them."""
    assisted = AssistedRegistration.objects.not_taken_over().filter(candidate__user=user).first()
    if assisted is not None:
        _end_assistance(assisted)


def _end_assistance(assisted: AssistedRegistration) -> None:
    assisted.taken_over_at = timezone.now()
    assisted.code_hash = ""
    assisted.save(update_fields=["taken_over_at", "code_hash"])
