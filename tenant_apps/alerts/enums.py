from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    INSTANT = "instant", _("Dès qu'une offre paraît")
    DAILY = "daily", _("Une fois par jour")
    WEEKLY = "weekly", _("Une fois par semaine")
