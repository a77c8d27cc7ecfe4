from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import connection, router
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tenants.utils import get_public_schema_name

from tenant_apps.accounts import services
from tenant_apps.accounts.models import User
from tenants.deletion import SchemaNestedObjects


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Identité"), {"fields": ["first_name", "last_name"]}),
        (_("Rôle et droits"), {"fields": ["role", "is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "role", "password1", "password2"]})]
    actions = ["reset_second_factor"]

    def get_deleted_objects(self, objs, request):
        """In the public schema, what a deletion removes as ``User.delete`` finds it: among the
        tables of this schema only (Django's own listing queries the territories' tables)."""
        if connection.schema_name != get_public_schema_name():
            return super().get_deleted_objects(objs, request)
        collector = SchemaNestedObjects(using=router.db_for_write(User), origin=objs)
        collector.collect(objs)
        to_delete = collector.nested(lambda obj: f"{capfirst(obj._meta.verbose_name)} : {obj}")
        counts = {model._meta.verbose_name_plural: len(rows) for model, rows in collector.model_objs.items()}
        perms_needed = {
            model._meta.verbose_name
            for model in collector.model_objs
            if self.admin_site.is_registered(model)
            and not self.admin_site.get_model_admin(model).has_delete_permission(request)
        }
        return to_delete, counts, perms_needed, [str(obj) for obj in collector.protected]

    def delete_queryset(self, request, queryset):
        for user in queryset:  # a handful at a time, each through User.delete
            user.delete()

    @admin.action(description=_("Réinitialiser la double authentification"))
    def reset_second_factor(self, request, queryset):
        for user in queryset:  # a handful of staff at a time: each reset is its own transaction
            services.reset_second_factor(user, by=request.user)
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d personne devra réactiver sa double authentification.",
                "%(count)d personnes devront réactiver leur double authentification.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
