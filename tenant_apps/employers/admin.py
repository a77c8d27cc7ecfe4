from django.contrib import admin

from tenant_apps.employers.models import Employer, Invitation, Membership
from tenants.admin_scopes import TerritorySchemaAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Employer)
class EmployerAdmin(TerritorySchemaAdmin, admin.ModelAdmin):
    list_display = ["name", "siret", "sector", "commune", "created_at"]
    list_filter = ["sector"]
    list_select_related = ["commune"]
    search_fields = ["name", "siret"]
    raw_id_fields = ["commune"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(TerritorySchemaAdmin, admin.ModelAdmin):
    list_display = ["email", "employer", "invited_by", "created_at", "accepted_at"]
    list_select_related = ["employer", "invited_by"]
    search_fields = ["email", "employer__name"]
