from django.contrib import admin

from tenant_apps.followup.models import EmployerContact, FollowUp, HireCheck, Interaction


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["candidate", "advisor", "status", "last_contact_at"]
    list_filter = ["status"]
    raw_id_fields = ["candidate", "advisor"]


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ["candidate", "kind", "happened_at", "author"]
    list_filter = ["kind"]
    raw_id_fields = ["candidate", "author"]


@admin.register(EmployerContact)
class EmployerContactAdmin(admin.ModelAdmin):
    list_display = ["employer", "kind", "happened_at", "author"]
    list_filter = ["kind"]
    raw_id_fields = ["employer", "author"]


@admin.register(HireCheck)
class HireCheckAdmin(admin.ModelAdmin):
    list_display = ["hire", "months", "due_on", "still_employed", "answered_at"]
    list_filter = ["months", "still_employed"]
    raw_id_fields = ["hire", "answered_by"]
