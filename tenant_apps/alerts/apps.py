from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "tenant_apps.alerts"
    label = "alerts"
    verbose_name = "Alertes emploi"

    def ready(self):
        from tenant_apps.alerts import services  # noqa: F401 (registers the digests' composer with the outbox)
