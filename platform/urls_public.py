"""URLs of the provider site (the public schema's host)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("shared_apps.provider.urls")),
    path("console/", include("shared_apps.provider.console_urls")),
    path("supervision/", include("shared_apps.oversight.urls")),
    # Provider staff log in here too (password, then the second factor) before the admin.
    path("", include("tenant_apps.accounts.urls")),
    path("", include("shared_apps.billing.urls_public")),
    path("admin/", admin.site.urls),
]
