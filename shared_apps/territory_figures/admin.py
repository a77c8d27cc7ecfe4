from django.contrib import admin

from shared_apps.territory_figures.models import TerritoryDailyFigure, TerritoryMonthlyFigure
from tenants.admin_scopes import PublicSchemaAdmin


@admin.register(TerritoryDailyFigure)
class TerritoryDailyFigureAdmin(PublicSchemaAdmin, admin.ModelAdmin):
    list_display = ["date", "territory", "metric", "value"]
    list_filter = ["metric", "territory"]
    date_hierarchy = "date"

    def has_add_permission(self, request):
        return False  # written by each territory's statistics refresh

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TerritoryMonthlyFigure)
class TerritoryMonthlyFigureAdmin(PublicSchemaAdmin, admin.ModelAdmin):
    list_display = ["month", "territory", "metric", "value"]
    list_filter = ["metric", "territory"]
    date_hierarchy = "month"

    def has_add_permission(self, request):
        return False  # the daily figures' sums, kept by triggers

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
