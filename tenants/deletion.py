"""Deleting rows of a model whose table is in the public schema and in the territories' (users).

Django's deletion collector follows every relation pointing at the model, and the
territories' models (applications, alerts, tokens…) point at users: in the public
schema, where their tables do not exist, deleting a provider staff member failed with
"relation … does not exist" (django-tenants #592). These collectors skip the models
the current schema has no table for, as the router decides which tables a schema gets.
"""

from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.db.models.deletion import Collector


class _InThisSchema:
    def related_objects(self, related_model, related_fields, objs):
        if not router.allow_migrate_model(self.using, related_model):
            return related_model._base_manager.none()
        return super().related_objects(related_model, related_fields, objs)


class SchemaCollector(_InThisSchema, Collector):
    pass


class SchemaNestedObjects(_InThisSchema, NestedObjects):
    """The admin's collector, for its confirmation page."""
