from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("À envoyer")
    SENT = "sent", _("Envoyé")
    FAILED = "failed", _("En échec")
    CANCELLED = "cancelled", _("Sans objet")  # composed at sending time with nothing left to say


class MessageKind(models.TextChoices):
    """Messages composed when they are sent rather than when they are written (see ``deliver``)."""

    ALERT_DIGEST = "alert_digest", _("Nouvelles offres d'une alerte")
