from django.urls import path

from tenant_apps.partners import views

app_name = "partners"

urlpatterns = [
    # The territory admin's pages
    path("gestion/partenaires/", views.organisations, name="organisations"),
    path("gestion/partenaires/nouveau/", views.edit_organisation, name="create_organisation"),
    path("gestion/partenaires/<int:pk>/", views.edit_organisation, name="organisation"),
    # The partner's space
    path("partenaire/", views.space, name="space"),
    path("partenaire/candidats/<int:pk>/", views.candidate, name="candidate"),
    path("partenaire/offres/", views.offers, name="offers"),
    path("partenaire/statistiques/", views.statistics, name="statistics"),
]
