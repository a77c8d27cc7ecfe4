from django.contrib import admin

from tenant_apps.proposals.models import Proposal


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["candidate", "offer", "status", "proposed_by", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["offer", "candidate", "proposed_by", "answered_by", "application"]
