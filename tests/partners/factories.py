import factory

from tenant_apps.accounts.enums import Role
from tenant_apps.partners.enums import OrganisationKind
from tenant_apps.partners.models import PartnerMembership, PartnerOrganisation
from tests.accounts.factories import UserFactory


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Mission locale n° {n}")
    kind = OrganisationKind.MISSION_LOCALE
    contact_email = "contact@mission-locale.example.org"


class PartnerMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerMembership

    user = factory.SubFactory(UserFactory, role=Role.PARTNER)
    organisation = factory.SubFactory(PartnerOrganisationFactory)
