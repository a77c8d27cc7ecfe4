from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "tenant_apps.candidates"
    label = "candidates"
    verbose_name = "Candidats"

    def ready(self):
        from tenant_apps.candidates import signals  # noqa: F401 - connects the receivers
