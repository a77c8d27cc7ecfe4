from django.contrib import admin

from tenant_apps.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_label", "actor_role", "action", "target_type", "target_label", "ip"]
    list_filter = ["action", "target_type", "actor_role"]
    search_fields = ["actor_label", "target_label", "target_id"]
    date_hierarchy = "created_at"
    raw_id_fields = ["actor", "on_behalf_of"]

    # A journal nobody can rewrite: written by services.record only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
