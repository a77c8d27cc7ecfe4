from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "tenant_apps.candidates"
    label = "candidates"
    verbose_name = "Candidats"
