from django.urls import path

from tenant_apps.employers import views

app_name = "employers"

urlpatterns = [
    path("employeur/", views.dashboard, name="dashboard"),
    path("employeur/inscription/", views.signup, name="signup"),
    path("employeur/inviter/", views.invite, name="invite"),
    path("employeur/cle-api/", views.api_key, name="api_key"),
    path("employeur/alertes/", views.alert_preference, name="alert_preference"),
    path("employeur/invitation/<token>/", views.accept_invitation, name="accept_invitation"),
]
