from django.urls import path

from tenant_apps.outbox import views

app_name = "outbox"

urlpatterns = [
    path("gestion/envois/", views.failed, name="failed"),
    path("gestion/envois/<int:pk>/reessayer/", views.retry, name="retry"),
]
