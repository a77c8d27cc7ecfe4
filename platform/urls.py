"""URLs of a territory's portal (any host that is a territory's domain)."""

from django.urls import include, path

urlpatterns = [
    path("", include("tenants.urls")),
    path("", include("tenant_apps.accounts.urls")),
]
