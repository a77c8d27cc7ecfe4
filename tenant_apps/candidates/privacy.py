"""The candidate's rights, for real: a copy of their data, erasure, and retention.

Erasing an account deletes the person (account, profile, CVs, views, invitations)
but keeps their applications as anonymous rows: offers, hires and the
territory's statistics stay true without naming anyone.
"""

import datetime
import io
import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from tenant_apps.applications.models import Application
from tenant_apps.candidates.models import AssistedRegistration, Candidate
from tenant_apps.outbox.services import queue_mail

DELETION_NOTICE = datetime.timedelta(days=30)
MONTH = datetime.timedelta(days=30)


def export(candidate: Candidate) -> bytes:
    """A zip: ``donnees.json`` (everything the portal holds about the person) and their CVs."""
    user = candidate.user
    applications = list(
        candidate.applications.select_related("offer__employer").prefetch_related("transitions").order_by("pk")
    )
    data = {
        "compte": {
            "email": user.email,
            "prenom": user.first_name,
            "nom": user.last_name,
            "inscrit_le": user.date_joined,
            "derniere_connexion": user.last_login,
        },
        "profil": {
            "telephone": candidate.phone,
            "commune": candidate.commune.name if candidate.commune_id else None,
            "permis_b": candidate.driving_licence,
            "vehicule": candidate.has_vehicle,
            "distance_acceptee_km": candidate.max_travel_km,
            "transports_uniquement": candidate.public_transport_only,
            "metiers": [occupation.label for occupation in candidate.occupations.all()],
            "contrats": candidate.contract_types,
            "temps_de_travail": candidate.working_time,
            "disponible_le": candidate.available_from,
            "presentation": candidate.presentation,
            "competences": candidate.skills,
            "langues": candidate.languages,
            "cvtheque_visible": candidate.cvtheque_visible,
            "cvtheque_consentement_le": candidate.cvtheque_consent_at,
            "coordonnees_masquees": candidate.hide_contact,
            # Who else sees the profile: the partner structure the person chose.
            "structure_accompagnement": candidate.support_organisation.name
            if candidate.support_organisation_id
            else None,
        },
        "experiences": list(
            candidate.experiences.values("title", "organisation", "place", "start_year", "end_year", "description")
        ),
        "formations": list(candidate.trainings.values("title", "organisation", "year", "description")),
        "candidatures": [
            {
                "offre": application.offer.title,
                "employeur": application.offer.employer.name,
                "envoyee_le": application.created_at,
                "message": application.message,
                "etat": application.status,
                "historique": [
                    {"etat": t.to_status, "le": t.at, "message": t.reason} for t in application.transitions.all()
                ],
                "cv": f"candidatures/{application.pk}.pdf" if application.cv else None,
            }
            for application in applications
        ],
        "invitations": list(candidate.invitations.values("offer__title", "message", "created_at", "answer")),
        "consultations_du_profil": [
            {"par": str(view.viewer), "le": view.at} for view in candidate.views.select_related("viewer")
        ],
        # Assisted mode: how the agent recorded their consent, and what agents did for them.
        "inscription_accompagnee": list(
            AssistedRegistration.objects.filter(candidate=candidate).values(
                "consent_method", "consent_recorded_by__email", "consent_at", "taken_over_at"
            )
        ),
        "actions_faites_pour_vous": [
            {"action": action.kind, "par": str(action.agent), "le": action.at, "precisions": action.details}
            for action in candidate.on_behalf_actions.select_related("agent")
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("donnees.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        if candidate.cv_file:
            with candidate.cv_file.open("rb") as cv:
                archive.writestr("cv.pdf", cv.read())
        for application in applications:
            if application.cv:
                with application.cv.open("rb") as cv:
                    archive.writestr(f"candidatures/{application.pk}.pdf", cv.read())
    return buffer.getvalue()


def erase(candidate: Candidate) -> None:
    """Delete the person; their applications stay, anonymous (no message, no CV, no link)."""
    files = [candidate.cv_file] if candidate.cv_file else []
    with transaction.atomic():
        applications = list(candidate.applications.select_for_update())
        files += [application.cv for application in applications if application.cv]
        Application.objects.filter(pk__in=[a.pk for a in applications]).update(message="", cv="", candidate=None)
        # Their messages in the history are theirs too.
        for application in applications:
            application.transitions.filter(by=candidate.user).update(by=None)
        candidate.user.delete()  # cascades to the profile, experiences, views, invitations, selections
        names = [(file.storage, file.name) for file in files]
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in names], robust=True)


def inactive_since(moment):
    """Candidates who have not logged in (or signed up, if never logged in) since ``moment``."""
    return Candidate.objects.annotate(last_seen=Coalesce("user__last_login", "user__date_joined")).filter(
        last_seen__lt=moment
    )


def apply_retention(*, months: int, base_url: str, now=None, dry_run: bool = False) -> tuple[int, int]:
    """Warn candidates inactive for ``months`` (once), and erase those warned 30 days ago who did not
    come back. Returns (warned, erased)."""
    now = now or timezone.now()
    to_warn = list(inactive_since(now - months * MONTH).filter(retention_warning_sent_at=None).select_related("user"))
    # Logging in clears the warning (see candidates.signals): only those still away are erased.
    to_erase = list(
        inactive_since(now - months * MONTH)
        .filter(retention_warning_sent_at__lte=now - DELETION_NOTICE)
        .select_related("user")
    )
    if dry_run:
        return len(to_warn), len(to_erase)
    for candidate in to_warn:
        with transaction.atomic():
            Candidate.objects.filter(pk=candidate.pk).update(retention_warning_sent_at=now)
            context = {"user": candidate.user, "months": months, "link": base_url + "/connexion/"}
            queue_mail("candidates/emails/retention_warning.txt", [candidate.user.email], context)
    for candidate in to_erase:
        erase(candidate)
    return len(to_warn), len(to_erase)
