from django.db import models
from django.utils.translation import gettext_lazy as _


class TerritoryKind(models.TextChoices):
    # The provider site and the template schema are tenant rows too: django-tenants
    # routes the provider's host through the public row, and migrate_schemas keeps
    # the template migrated because it has a row.
    PROVIDER = "provider", _("Site du fournisseur")
    TEMPLATE = "template", _("Modèle des nouveaux territoires")
    TERRITORY = "territory", _("Territoire")


class TerritoryStatus(models.TextChoices):
    # Suspension is not a status: a suspended territory keeps its trial or active status,
    # which it has again when reactivated (Territory.suspended_at).
    TRIAL = "trial", _("Essai")
    ACTIVE = "active", _("Actif")
