from django.apps import AppConfig


class ProviderConfig(AppConfig):
    name = "shared_apps.provider"
    label = "provider"
    verbose_name = "Fournisseur"
