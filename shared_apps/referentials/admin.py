from django.contrib import admin

from shared_apps.referentials.models import Appellation, Commune, Epci, Occupation


class ReadOnlyAdmin(admin.ModelAdmin):
    """Reference data comes from load_referentials, never from hand edits."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Epci)
class EpciAdmin(ReadOnlyAdmin):
    list_display = ["name", "siren", "kind", "population", "members"]
    list_filter = ["kind"]
    search_fields = ["name", "siren"]


@admin.register(Commune)
class CommuneAdmin(ReadOnlyAdmin):
    list_display = ["name", "insee", "postal_codes", "department", "population", "epci"]
    list_filter = ["region"]
    list_select_related = ["epci"]
    search_fields = ["name", "insee", "postal_codes"]


@admin.register(Occupation)
class OccupationAdmin(ReadOnlyAdmin):
    list_display = ["code", "label", "group_label", "domain_code"]
    list_filter = ["domain_code"]
    search_fields = ["code", "label"]


@admin.register(Appellation)
class AppellationAdmin(ReadOnlyAdmin):
    list_display = ["label", "code", "occupation"]
    list_select_related = ["occupation"]
    search_fields = ["label", "code"]
