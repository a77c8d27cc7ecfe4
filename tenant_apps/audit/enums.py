from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VIEWED = "viewed", _("Consultation")
    CREATED = "created", _("Création")
    UPDATED = "updated", _("Modification")
    DELETED = "deleted", _("Suppression")
    EXPORTED = "exported", _("Export")
    DOWNLOADED = "downloaded", _("Téléchargement")
    ERASED = "erased", _("Effacement (RGPD)")
    LOGGED_IN_AS_SUPPORT = "logged_in_as_support", _("Connexion du support du fournisseur")
