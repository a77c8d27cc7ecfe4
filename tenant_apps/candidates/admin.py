from django.contrib import admin

from tenant_apps.candidates.models import Candidate, Experience, Training
from tenants.admin_scopes import TerritorySchemaAdmin


class ExperienceInline(admin.TabularInline):
    model = Experience
    extra = 0


class TrainingInline(admin.TabularInline):
    model = Training
    extra = 0


@admin.register(Candidate)
class CandidateAdmin(TerritorySchemaAdmin, admin.ModelAdmin):
    list_display = ["user", "commune", "cvtheque_visible", "updated_at"]
    list_filter = ["cvtheque_visible"]
    list_select_related = ["user", "commune"]
    search_fields = ["user__email", "user__last_name"]
    raw_id_fields = ["user", "commune"]
    filter_horizontal = ["occupations"]
    inlines = [ExperienceInline, TrainingInline]
