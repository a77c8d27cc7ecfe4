from django.contrib import admin

from shared_apps.oversight.models import OversightGrant
from tenant_apps.accounts.enums import Role
from tenants.admin_scopes import PublicSchemaAdmin
from tenants.models import Territory


@admin.register(OversightGrant)
class OversightGrantAdmin(PublicSchemaAdmin, admin.ModelAdmin):
    """Also given and withdrawn from the console (/console/supervision/), which journals it."""

    list_display = ["user__email", "territory", "department", "granted_by", "created_at"]
    list_filter = ["department"]
    list_select_related = ["user", "territory"]
    search_fields = ["user__email", "territory__name", "department"]
    fields = ["user", "territory", "department", "granted_by", "created_at"]
    readonly_fields = ["granted_by", "created_at"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = db_field.related_model.objects.filter(role=Role.CROSS_TERRITORY_ADMIN)
        elif db_field.name == "territory":
            kwargs["queryset"] = Territory.objects.portals()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user.email
        super().save_model(request, obj, form, change)
