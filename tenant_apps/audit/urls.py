from django.urls import path

from tenant_apps.audit import views

app_name = "audit"

urlpatterns = [
    path("gestion/journal/", views.journal, name="journal"),
    path("gestion/journal/export.csv", views.export, name="export"),
]
