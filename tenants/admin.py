from django.contrib import admin
from django_tenants.admin import TenantAdminMixin

from tenants.admin_scopes import PublicSchemaAdmin
from tenants.models import Domain, Territory


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(Territory)
class TerritoryAdmin(PublicSchemaAdmin, TenantAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "status", "epci_siren", "population", "schema_name", "created_at"]
    list_filter = ["kind", "status", "theme"]
    search_fields = ["name", "epci_siren", "slug", "domains__domain"]
    # Suspension goes through the provider console, which records who and why.
    readonly_fields = ["schema_name", "kind", "epci_siren", "created_at", "suspended_at", "suspension_reason"]
    filter_horizontal = ["shares_offers_with"]
    exclude = ["communes"]
    inlines = [DomainInline]

    def has_add_permission(self, request):
        return False  # territories are created by onboarding, with their schema and admin
