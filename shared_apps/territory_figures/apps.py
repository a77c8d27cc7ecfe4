from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryFiguresConfig(AppConfig):
    name = "shared_apps.territory_figures"
    label = "territory_figures"
    verbose_name = _("Chiffres des territoires")
