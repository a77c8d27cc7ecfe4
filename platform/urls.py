"""URLs of a territory's portal (any host that is a territory's domain)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("tenants.urls")),
    path("", include("tenant_apps.accounts.urls")),
    path("", include("tenant_apps.employers.urls")),
    path("", include("tenant_apps.offers.urls")),
    path("", include("shared_apps.billing.urls")),
    path("", include("tenant_apps.candidates.urls")),
    path("", include("tenant_apps.applications.urls")),
    path("", include("tenant_apps.cvtheque.urls")),
    path("", include("tenant_apps.outbox.urls")),
    path("", include("tenant_apps.alerts.urls")),
    path("", include("tenant_apps.forums.urls")),
    path("", include("tenant_apps.proposals.urls")),
    path("", include("tenant_apps.followup.urls")),
    path("", include("tenant_apps.imports.urls")),
    path("", include("tenant_apps.statistics.urls")),
    path("", include("tenant_apps.audit.urls")),
    path("", include("tenant_apps.accounts.staff_urls")),
    path("", include("tenant_apps.partners.urls")),
    path("", include("shared_apps.provider.portal_urls")),  # provider support access
    path("api/", include("platform.urls_api")),
    # For the territory's staff accounts (is_staff), e.g. provider support.
    path("admin/", admin.site.urls),
]
