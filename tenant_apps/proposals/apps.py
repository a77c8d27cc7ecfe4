from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "tenant_apps.proposals"
    label = "proposals"
    verbose_name = _("Présélection par les conseillers")
