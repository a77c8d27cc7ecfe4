from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsoleAction(models.TextChoices):
    ONBOARD = "onboard", _("Création d'un territoire")
    ADD_DOMAIN = "add_domain", _("Ajout d'un domaine")
    SUSPEND = "suspend", _("Suspension")
    REACTIVATE = "reactivate", _("Réactivation")
    GRANT_SUPPORT = "grant_support", _("Ouverture d'un accès support")
    REVOKE_SUPPORT = "revoke_support", _("Fin d'un accès support")
    GRANT_OVERSIGHT = "grant_oversight", _("Supervision accordée")
    REVOKE_OVERSIGHT = "revoke_oversight", _("Supervision retirée")


class PortalState(models.TextChoices):
    """What the console's list filters on: the territory's status, or its suspension."""

    TRIAL = "trial", _("Essai")
    ACTIVE = "active", _("Actif")
    SUSPENDED = "suspended", _("Suspendu")
