from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "tenant_apps.alerts"
    label = "alerts"
    verbose_name = "Alertes emploi"
