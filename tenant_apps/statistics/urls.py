from django.urls import path

from tenant_apps.statistics import views

app_name = "statistics"

urlpatterns = [
    path("gestion/statistiques/", views.dashboard, name="dashboard"),
    path("gestion/statistiques/export.csv", views.export, name="export"),
]
