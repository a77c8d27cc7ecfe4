from django.contrib import admin

from tenant_apps.cvtheque.models import ApplyInvitation, SavedCandidate
from tenants.admin_scopes import TerritorySchemaAdmin


@admin.register(ApplyInvitation)
class ApplyInvitationAdmin(TerritorySchemaAdmin, admin.ModelAdmin):
    list_display = ["candidate", "offer", "answer", "created_at"]
    list_filter = ["answer"]
    list_select_related = ["candidate__user", "offer"]
    raw_id_fields = ["offer", "candidate", "invited_by", "application"]


@admin.register(SavedCandidate)
class SavedCandidateAdmin(TerritorySchemaAdmin, admin.ModelAdmin):
    list_display = ["user", "candidate", "created_at"]
    list_select_related = ["user", "candidate__user"]
    raw_id_fields = ["user", "candidate"]
