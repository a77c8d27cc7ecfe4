from django.urls import path

from tenant_apps.alerts import views

app_name = "alerts"

urlpatterns = [
    path("alertes/", views.create, name="create"),
    path("alertes/<str:key>/", views.manage, name="manage"),
    path("alertes/<str:key>/confirmer/", views.confirm, name="confirm"),
    path("alertes/<str:key>/desabonner/", views.unsubscribe, name="unsubscribe"),
    path("employeur/candidatures/offre/<int:pk>/alerte/", views.follow_candidates, name="follow_candidates"),
]
