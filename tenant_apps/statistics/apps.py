from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "tenant_apps.statistics"
    label = "statistics"
    verbose_name = _("Statistiques du territoire")
