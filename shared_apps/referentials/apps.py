from django.apps import AppConfig


class ReferentialsConfig(AppConfig):
    name = "shared_apps.referentials"
    label = "referentials"
    verbose_name = "Référentiels"
