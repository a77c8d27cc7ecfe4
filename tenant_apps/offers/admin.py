from django.contrib import admin

from tenant_apps.offers.models import Offer, OfferTransition
from tenants.admin_scopes import TerritorySchemaAdmin


class OfferTransitionInline(admin.TabularInline):
    model = OfferTransition
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "by", "at", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Offer)
class OfferAdmin(TerritorySchemaAdmin, admin.ModelAdmin):
    list_display = ["title", "employer", "status", "contract_type", "commune", "published_at", "expires_at"]
    list_filter = ["status", "contract_type", "source", "reachable_without_car"]
    list_select_related = ["employer", "commune"]
    search_fields = ["title", "employer__name"]
    raw_id_fields = ["employer", "occupation", "commune", "created_by"]
    readonly_fields = ["status", "published_at", "expires_at", "created_at", "updated_at"]
    inlines = [OfferTransitionInline]
