"""URLs of a territory's portal (any host that is a territory's domain)."""

from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("tenants.urls")),
    path("", include("tenant_apps.accounts.urls")),
]
