import factory

from shared_apps.referentials.models import Commune
from tenant_apps.accounts.enums import Role
from tenant_apps.employers.enums import Sector
from tenant_apps.employers.models import Employer, Invitation, Membership
from tenant_apps.employers.validators import luhn_is_valid
from tests.accounts.factories import UserFactory

WORMHOUT = "59663"


def valid_siret(n: int) -> str:
    """The n-th 14-digit number whose Luhn key is right (not La Poste's SIREN)."""
    body = f"81{n:011d}"
    return next(body + str(key) for key in range(10) if luhn_is_valid(body + str(key)))


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    siret = factory.Sequence(valid_siret)
    name = factory.Faker("company", locale="fr_FR")
    sector = Sector.CRAFTS
    commune = factory.LazyFunction(lambda: Commune.objects.get(insee=WORMHOUT))


class RecruiterFactory(UserFactory):
    role = Role.RECRUITER
    membership = factory.RelatedFactory("tests.employers.factories.MembershipFactory", factory_related_name="user")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, role=Role.RECRUITER)
    employer = factory.SubFactory(EmployerFactory)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    employer = factory.SubFactory(EmployerFactory)
    email = factory.Sequence(lambda n: f"collegue{n}@example.org")
    invited_by = factory.SubFactory(UserFactory, role=Role.RECRUITER)
