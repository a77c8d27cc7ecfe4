from django.contrib import admin

from shared_apps.provider.models import ConsoleAuditEntry, ProviderSupportGrant
from tenants.admin_scopes import PublicSchemaAdmin


@admin.register(ConsoleAuditEntry)
class ConsoleAuditEntryAdmin(PublicSchemaAdmin, admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "territory"]
    list_filter = ["action"]
    list_select_related = ["actor", "territory"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # written by the console's actions

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # an audit log is not edited


@admin.register(ProviderSupportGrant)
class ProviderSupportGrantAdmin(PublicSchemaAdmin, admin.ModelAdmin):
    list_display = ["created_at", "staff_email", "territory", "expires_at", "entered_at", "revoked_at"]
    list_select_related = ["territory"]
    search_fields = ["staff_email", "territory__name", "reason"]

    def has_add_permission(self, request):
        return False  # opened from the console, which records it

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
