from django.db import models
from django.utils.translation import gettext_lazy as _


class InvitationAnswer(models.TextChoices):
    PENDING = "pending", _("En attente de réponse")
    ACCEPTED = "accepted", _("Acceptée : candidature envoyée")
    DECLINED = "declined", _("Déclinée")
