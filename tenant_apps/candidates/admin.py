from django.contrib import admin

from tenant_apps.candidates.models import AssistedRegistration, Candidate, Experience, OnBehalfAction, Training
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


@admin.register(AssistedRegistration)
class AssistedRegistrationAdmin(TerritorySchemaAdmin, admin.ModelAdmin):
    list_display = ["candidate", "consent_method", "consent_recorded_by", "consent_at", "taken_over_at"]
    list_filter = ["consent_method"]
    list_select_related = ["candidate__user", "consent_recorded_by"]
    raw_id_fields = ["candidate", "consent_recorded_by"]


@admin.register(OnBehalfAction)
class OnBehalfActionAdmin(TerritorySchemaAdmin, admin.ModelAdmin):
    list_display = ["candidate", "kind", "agent", "at"]
    list_filter = ["kind"]
    list_select_related = ["candidate__user", "agent"]
    raw_id_fields = ["candidate", "agent"]
