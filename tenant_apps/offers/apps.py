from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "tenant_apps.offers"
    label = "offers"
    verbose_name = "Offres"
