from django.apps import AppConfig


class CvthequeConfig(AppConfig):
    name = "tenant_apps.cvtheque"
    label = "cvtheque"
    verbose_name = "CVthèque"
