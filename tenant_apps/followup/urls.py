from django.urls import path

from tenant_apps.followup import views

app_name = "followup"

urlpatterns = [
    path("conseiller/candidats/", views.portfolio, name="portfolio"),
    path("conseiller/candidats/export.csv", views.portfolio_export, name="portfolio_export"),
    path("conseiller/candidats/<int:pk>/", views.candidate_file, name="candidate"),
    path("conseiller/candidats/<int:pk>/suivi/", views.update_followup, name="update"),
    path("conseiller/candidats/<int:pk>/echange/", views.add_interaction, name="add_interaction"),
    path("conseiller/employeurs/", views.employers, name="employers"),
    path("conseiller/employeurs/export.csv", views.employers_export, name="employers_export"),
    path("conseiller/employeurs/<int:pk>/", views.employer_file, name="employer"),
    path("conseiller/offres/", views.offers, name="offers"),
    path("conseiller/offres/export.csv", views.offers_export, name="offers_export"),
    path("conseiller/candidatures/", views.applications, name="applications"),
    path("conseiller/candidatures/export.csv", views.applications_export, name="applications_export"),
    path("conseiller/recrutements/", views.hire_checks, name="hire_checks"),
    path("conseiller/recrutements/<int:pk>/", views.answer_hire_check, name="answer_hire_check"),
]
