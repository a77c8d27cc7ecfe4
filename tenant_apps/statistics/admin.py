from django.contrib import admin

from tenant_apps.statistics.models import DailyFigure
from tenants.admin_scopes import TerritorySchemaAdmin


@admin.register(DailyFigure)
class DailyFigureAdmin(TerritorySchemaAdmin, admin.ModelAdmin):
    list_display = ["date", "commune", "metric", "value"]
    list_filter = ["metric"]
    date_hierarchy = "date"
    raw_id_fields = ["commune"]

    def has_add_permission(self, request):
        return False  # written by services.refresh only

    def has_change_permission(self, request, obj=None):
        return False
