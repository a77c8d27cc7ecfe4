from django.db import models
from django.utils.translation import gettext_lazy as _


class ContractType(models.TextChoices):
    CDI = "cdi", _("CDI")
    CDD = "cdd", _("CDD")
    TEMPORARY = "temporary", _("Intérim")
    APPRENTICESHIP = "apprenticeship", _("Apprentissage")
    PROFESSIONALISATION = "professionalisation", _("Contrat de professionnalisation")
    SEASONAL = "seasonal", _("Saisonnier")
    INTERNSHIP = "internship", _("Stage")
    INSERTION = "insertion", _("CDD d'insertion")
    FREELANCE = "freelance", _("Indépendant, franchise")


class WorkingTime(models.TextChoices):
    FULL_TIME = "full_time", _("Temps plein")
    PART_TIME = "part_time", _("Temps partiel")


class SalaryPeriod(models.TextChoices):
    HOUR = "hour", _("de l'heure")
    MONTH = "month", _("par mois")
    YEAR = "year", _("par an")


class RemoteWork(models.TextChoices):
    NONE = "none", _("Sur site")
    PARTIAL = "partial", _("Télétravail partiel")
    FULL = "full", _("Télétravail complet")


class ApplicationMethod(models.TextChoices):
    PLATFORM = "platform", _("Sur le portail")
    URL = "url", _("Sur un site externe")
    EMAIL = "email", _("Par e-mail")


class OfferSource(models.TextChoices):
    EMPLOYER = "employer", _("Publiée par l'employeur")
    ADVISOR = "advisor", _("Besoin recueilli par un conseiller")
    PARTNER = "partner", _("Publiée par un partenaire")


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("En attente de validation")
    REJECTED = "rejected", _("Refusée")
    PUBLISHED = "published", _("Publiée")
    FILLED = "filled", _("Pourvue")
    EXPIRED = "expired", _("Expirée")
    ARCHIVED = "archived", _("Archivée")
