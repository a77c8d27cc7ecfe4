from django.contrib import admin

from tenant_apps.applications.models import Application, ApplicationNote, ApplicationTransition, Hire
from tenants.admin_scopes import TerritorySchemaAdmin


class TransitionInline(admin.TabularInline):
    model = ApplicationTransition
    extra = 0
    readonly_fields = ["from_status", "to_status", "by", "at", "reason"]
    can_delete = False


class NoteInline(admin.TabularInline):
    model = ApplicationNote
    extra = 0
    raw_id_fields = ["author"]


@admin.register(Application)
class ApplicationAdmin(TerritorySchemaAdmin, admin.ModelAdmin):
    list_display = ["candidate", "offer", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["candidate__user", "offer"]
    raw_id_fields = ["candidate", "offer"]
    inlines = [TransitionInline, NoteInline]


@admin.register(Hire)
class HireAdmin(TerritorySchemaAdmin, admin.ModelAdmin):
    list_display = ["offer", "source", "hired_on", "recorded_by"]
    list_filter = ["source"]
    list_select_related = ["offer", "recorded_by"]
    raw_id_fields = ["offer", "application", "recorded_by"]
