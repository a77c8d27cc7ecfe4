from django.contrib import admin

from tenant_apps.alerts.models import Alert
from tenants.admin_scopes import TerritorySchemaAdmin


@admin.register(Alert)
class AlertAdmin(TerritorySchemaAdmin, admin.ModelAdmin):
    list_display = ["email", "frequency", "text", "commune", "confirmed_at", "unsubscribed_at"]
    list_filter = ["frequency"]
    search_fields = ["email", "text"]
    raw_id_fields = ["user", "commune"]
