"""The provider console, under /console/ on the provider host (platform/urls_public.py)."""

from django.urls import path

from shared_apps.oversight import console_views as oversight
from shared_apps.provider import console_views as views

app_name = "console"

urlpatterns = [
    path("", views.territory_list, name="territories"),
    path("territoires/nouveau/", views.onboard, name="onboard"),
    path("territoires/<int:pk>/", views.territory_detail, name="territory"),
    path("territoires/<int:pk>/domaines/", views.add_domain, name="add_domain"),
    path("territoires/<int:pk>/suspendre/", views.suspend, name="suspend"),
    path("territoires/<int:pk>/reactiver/", views.reactivate, name="reactivate"),
    path("territoires/<int:pk>/support/", views.open_support, name="open_support"),
    path("support/<int:pk>/revoquer/", views.revoke_support, name="revoke_support"),
    path("journal/", views.audit_log, name="audit_log"),
    path("supervision/", oversight.grants, name="oversight"),
    path("supervision/accorder/", oversight.add_grant, name="add_oversight"),
    path("supervision/<int:pk>/retirer/", oversight.revoke_grant, name="revoke_oversight"),
    path("epci/", views.epci_suggestions, name="epci"),
]
