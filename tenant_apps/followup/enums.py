from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowUpStatus(models.TextChoices):
    NEW = "new", _("Nouveau")
    ACTIVE = "active", _("En recherche active")
    TRAINING = "training", _("En formation")
    EMPLOYED = "employed", _("En emploi")
    INACTIVE = "inactive", _("Inactif")


class InteractionKind(models.TextChoices):
    NOTE = "note", _("Note")
    APPOINTMENT = "appointment", _("Rendez-vous")
    CALL = "call", _("Appel")
    EMAIL = "email", _("E-mail ou courrier")
    VISIT = "visit", _("Visite")


class ApplicationOrigin(models.TextChoices):
    """How an application came: the candidate alone, a proposal an advisor sent and the
    candidate accepted, or an agent applying for the person (assisted mode)."""

    APPLIED = "candidat", _("Envoyée par le candidat")
    PROPOSED = "proposition", _("Proposée par un conseiller")
    ON_BEHALF = "pour_le_candidat", _("Envoyée pour le candidat")


# What counts as a contact with the person (a note is written alone).
CONTACT_KINDS = [InteractionKind.APPOINTMENT, InteractionKind.CALL, InteractionKind.EMAIL, InteractionKind.VISIT]

# Months after a hire when the advisor checks that the person is still employed.
HIRE_CHECK_MONTHS = (1, 3, 6)
