import datetime

import factory
from django.utils import timezone

from shared_apps.provider.enums import ConsoleAction
from shared_apps.provider.models import ConsoleAuditEntry, ProviderSupportGrant


class ConsoleAuditEntryFactory(factory.django.DjangoModelFactory):
    """Needs ``actor`` (a user of the public schema) and usually ``territory``."""

    class Meta:
        model = ConsoleAuditEntry

    action = ConsoleAction.ADD_DOMAIN
    details = factory.Dict({"domain": "emploi.example.org"})


class ProviderSupportGrantFactory(factory.django.DjangoModelFactory):
    """Needs ``staff`` (a user of the public schema) and ``territory``."""

    class Meta:
        model = ProviderSupportGrant

    staff_email = factory.SelfAttribute("staff.email")
    reason = "Ticket 1234 : l'administratrice ne trouve pas le réglage de modération"
    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda grant: grant.created_at + datetime.timedelta(hours=1))
