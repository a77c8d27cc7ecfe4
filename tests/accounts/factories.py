import factory

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User

DEFAULT_PASSWORD = "un mot de passe solide"


class UserFactory(factory.django.DjangoModelFactory):
    """A user of whatever schema is active when the factory runs."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    role = Role.CANDIDATE
    password = factory.django.Password(DEFAULT_PASSWORD)
