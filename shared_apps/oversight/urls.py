"""The cross-territory admins' pages, under /supervision/ on the provider host (platform/urls_public.py)."""

from django.urls import path

from shared_apps.oversight import views

app_name = "oversight"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.csv", views.export, name="export"),
    path("offres.csv", views.offers_export, name="offers_export"),
    path("carte.json", views.offers_map, name="offers_map"),
]
