from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "tenant_apps.followup"
    label = "followup"
    verbose_name = _("Suivi des candidats et des employeurs")

    def ready(self):
        from tenant_apps.followup import signals  # noqa: F401
