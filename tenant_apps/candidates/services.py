"""Candidate accounts and profiles: sign-up, the profile steps, the CV, consent."""

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.accounts.services import verification_link
from tenant_apps.candidates.enums import ProfileStep
from tenant_apps.candidates.models import Candidate, ProfileView, refresh_search_vectors
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
