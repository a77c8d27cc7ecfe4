from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Envoyée")
    SEEN = "seen", _("Vue par le recruteur")
    SHORTLISTED = "shortlisted", _("Présélectionnée")
    INTERVIEW = "interview", _("Entretien")
    HIRED = "hired", _("Recrutement")
    REJECTED = "rejected", _("Non retenue")
    WITHDRAWN = "withdrawn", _("Retirée")


class HireSource(models.TextChoices):
    PLATFORM = "platform", _("Candidature sur le portail")
    ADVISOR = "advisor", _("Candidat proposé par un conseiller")
    ELSEWHERE = "elsewhere", _("Recrutement hors portail")


CLOSED_STATUSES = [ApplicationStatus.HIRED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN]
