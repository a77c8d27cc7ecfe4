from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MISSION_LOCALE = "mission_locale", _("Mission locale")
    FRANCE_TRAVAIL = "france_travail", _("Agence France Travail")
    TEMPORARY_WORK = "temporary_work", _("Agence d'intérim")
    EMPLOYER_GROUP = "employer_group", _("Groupement d'employeurs")
    OTHER = "other", _("Autre")
