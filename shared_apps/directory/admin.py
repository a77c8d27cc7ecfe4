from django.contrib import admin

from shared_apps.directory.models import PublishedOffer
from tenants.admin_scopes import PublicSchemaAdmin


@admin.register(PublishedOffer)
class PublishedOfferAdmin(PublicSchemaAdmin, admin.ModelAdmin):
    list_display = ["title", "employer_name", "territory", "commune", "published_at"]
    list_filter = ["territory", "contract_type"]
    list_select_related = ["territory", "commune"]
    search_fields = ["title", "employer_name"]

    def has_add_permission(self, request):
        return False  # a copy, kept by directory.services

    def has_change_permission(self, request, obj=None):
        return False
