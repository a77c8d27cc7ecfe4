from django.db import connection
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django_tenants.utils import get_public_schema_name

from tenant_apps.accounts.models import User


@receiver(pre_delete, sender=User)
def delete_grants(sender, instance, **kwargs):
    """A public-schema account deleted (Django admin) takes its grants along; a territory's user,
    whose id means someone else here, never does."""
    if connection.schema_name == get_public_schema_name():
        from shared_apps.oversight.models import OversightGrant

        OversightGrant.objects.filter(user_id=instance.pk).delete()
