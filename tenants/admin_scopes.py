"""Which schema's admin shows which models.

The Django admin is mounted on the provider site (public schema) for provider
staff and on each portal for that territory's staff accounts. Tenant models have
no tables in the public schema, and public models such as territories must not
be reachable from a portal: each ModelAdmin says where it belongs, and is
refused everywhere else, superusers included.
"""

from django.db import connection
from django_tenants.utils import get_public_schema_name


class _SchemaScopedAdmin:
    on_public_schema: bool

    def in_scope(self) -> bool:
        return (connection.schema_name == get_public_schema_name()) == self.on_public_schema

    def has_module_permission(self, request):
        return self.in_scope() and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.in_scope() and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self.in_scope() and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self.in_scope() and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.in_scope() and super().has_delete_permission(request, obj)


class PublicSchemaAdmin(_SchemaScopedAdmin):
    on_public_schema = True


class TerritorySchemaAdmin(_SchemaScopedAdmin):
    on_public_schema = False
