from django.contrib import admin

from tenant_apps.forums.models import Forum, ForumHire, Participant, Registration


class ParticipantInline(admin.TabularInline):
    model = Participant
    autocomplete_fields = ["employer"]
    filter_horizontal = ["offers"]
    extra = 0


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "place", "commune", "registration_open"]
    list_filter = ["registration_open"]
    search_fields = ["title", "place"]
    raw_id_fields = ["commune", "created_by"]
    inlines = [ParticipantInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["candidate", "forum", "created_at", "attended_at"]
    list_filter = ["forum"]
    raw_id_fields = ["candidate", "registered_by", "checked_in_by"]
    filter_horizontal = ["employers"]


@admin.register(ForumHire)
class ForumHireAdmin(admin.ModelAdmin):
    list_display = ["registration", "participant", "hired_on", "forum"]
    list_filter = ["forum"]
    raw_id_fields = ["registration", "participant", "hire", "recorded_by"]
