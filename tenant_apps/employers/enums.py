from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", _("Agriculture, pêche, espaces verts")
    INDUSTRY = "industry", _("Industrie")
    CONSTRUCTION = "construction", _("Bâtiment, travaux publics")
    RETAIL = "retail", _("Commerce")
    TRANSPORT = "transport", _("Transport, logistique")
    HOSPITALITY = "hospitality", _("Hôtellerie, restauration, tourisme")
    CRAFTS = "crafts", _("Artisanat")
    BUSINESS_SERVICES = "business_services", _("Services aux entreprises")
    PERSONAL_SERVICES = "personal_services", _("Services à la personne")
    HEALTH_SOCIAL = "health_social", _("Santé, action sociale")
    PUBLIC_SECTOR = "public_sector", _("Administration, collectivité")
    TEMP_AGENCY = "temp_agency", _("Travail temporaire")
    ASSOCIATION = "association", _("Association, insertion")
    OTHER = "other", _("Autre")


class ApplicationAlerts(models.TextChoices):
    INSTANT = "instant", _("Un e-mail à chaque candidature")
    DAILY = "daily", _("Un récapitulatif par jour")
