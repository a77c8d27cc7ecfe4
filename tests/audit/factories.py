import factory

from tenant_apps.accounts.enums import Role
from tenant_apps.audit.enums import AuditAction
from tenant_apps.audit.models import AuditEntry
from tests.accounts.factories import UserFactory


class AuditEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEntry

    actor = factory.SubFactory(UserFactory, role=Role.ADVISOR)
    actor_label = factory.LazyAttribute(lambda entry: entry.actor.email if entry.actor else "")
    actor_role = factory.LazyAttribute(lambda entry: entry.actor.role if entry.actor else "")
    action = AuditAction.VIEWED
    target_type = "candidate"
    target_id = factory.Sequence(str)
    target_label = factory.Faker("name", locale="fr_FR")
