from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "tenant_apps.employers"
    label = "employers"
    verbose_name = "Employeurs"
