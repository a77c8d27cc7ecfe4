import factory
from django.utils import timezone
from django_tenants.utils import schema_context

from shared_apps.directory.models import PublishedOffer
from shared_apps.oversight.models import OversightGrant
from shared_apps.referentials.models import Commune, Occupation
from tenant_apps.offers.enums import ContractType, WorkingTime
from tenants.models import Territory
from tests.employers.factories import WORMHOUT


class OversightGrantFactory(factory.django.DjangoModelFactory):
    """Needs ``user`` (a public-schema cross-territory admin) and ``territory`` or ``department``."""

    class Meta:
        model = OversightGrant

    granted_by = "equipe@emploi-local.fr"


class TerritoryRowFactory(factory.django.DjangoModelFactory):
    """A territory's public row only, without its schema: what the public-schema pages read
    (the test session onboards two real territories; cloning a third per test costs seconds).
    ``communes``: its member communes."""

    class Meta:
        model = Territory
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"CC de test {n}")
    slug = factory.Sequence(lambda n: f"cc-test-{n}")
    schema_name = factory.Sequence(lambda n: f"cc_test_{n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        territory = model_class(*args, **kwargs)
        territory.auto_create_schema = False
        with schema_context("public"):
            territory.save()
        return territory

    @factory.post_generation
    def communes(self, create, extracted, **kwargs):
        if extracted:
            self.communes.set(extracted)


class PublishedOfferFactory(factory.django.DjangoModelFactory):
    """An entry of the shared index; needs ``territory``, ``commune`` defaults to Wormhout."""

    class Meta:
        model = PublishedOffer

    offer_id = factory.Sequence(lambda n: n + 1)
    title = "Aide-soignant de nuit"
    employer_name = "EHPAD Les Tilleuls"
    occupation = factory.LazyFunction(lambda: Occupation.objects.get(code="J1501"))
    commune = factory.LazyFunction(lambda: Commune.objects.get(insee=WORMHOUT))
    latitude = factory.SelfAttribute("commune.latitude")
    longitude = factory.SelfAttribute("commune.longitude")
    contract_type = ContractType.CDI
    working_time = WorkingTime.FULL_TIME
    published_at = factory.LazyFunction(timezone.now)
