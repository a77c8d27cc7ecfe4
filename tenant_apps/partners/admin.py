from django.contrib import admin

from tenant_apps.partners.models import PartnerMembership, PartnerOrganisation
from tenants.admin_scopes import TerritorySchemaAdmin


class PartnerMembershipInline(admin.TabularInline):
    model = PartnerMembership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(TerritorySchemaAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "can_post_offers", "can_search_cvtheque", "created_at"]
    list_filter = ["kind", "can_post_offers", "can_search_cvtheque"]
    search_fields = ["name", "contact_email"]
    inlines = [PartnerMembershipInline]


@admin.register(PartnerMembership)
class PartnerMembershipAdmin(TerritorySchemaAdmin, admin.ModelAdmin):
    list_display = ["user", "organisation", "joined_at"]
    list_select_related = ["user", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["user__email", "organisation__name"]
    raw_id_fields = ["user"]
