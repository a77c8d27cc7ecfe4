from django.urls import path

from tenant_apps.imports import views

app_name = "imports"

urlpatterns = [
    path("gestion/import/", views.upload, name="upload"),
    path("gestion/import/confirmer/", views.confirm, name="confirm"),
]
