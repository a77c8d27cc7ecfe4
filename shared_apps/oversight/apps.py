from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "shared_apps.oversight"
    label = "oversight"
    verbose_name = _("Supervision multi-territoires")

    def ready(self):
        from shared_apps.oversight import signals  # noqa: F401
