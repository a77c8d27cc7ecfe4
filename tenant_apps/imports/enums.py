from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    CANDIDATES = "candidats", _("Des candidats")
    EMPLOYERS = "employeurs", _("Des employeurs")
