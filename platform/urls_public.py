"""URLs of the provider site (the public schema's host)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("shared_apps.provider.urls")),
    path("", include("shared_apps.billing.urls_public")),
    path("admin/", admin.site.urls),
]
