from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "tenant_apps.applications"
    label = "applications"
    verbose_name = "Candidatures"
