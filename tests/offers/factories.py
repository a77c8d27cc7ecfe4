import datetime

import factory
from django.utils import timezone

from shared_apps.referentials.models import Commune, Occupation
from tenant_apps.offers.enums import ContractType, OfferStatus, WorkingTime
from tenant_apps.offers.models import Offer
from tests.employers.factories import WORMHOUT, EmployerFactory


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    employer = factory.SubFactory(EmployerFactory)
    title = "Boulanger / Boulangère"
    occupation = factory.LazyFunction(lambda: Occupation.objects.get(code="D1102"))
    description = "Fabrication du pain et des viennoiseries.\n\n- Pétrissage\n- Cuisson"
    contract_type = ContractType.CDI
    working_time = WorkingTime.FULL_TIME
    commune = factory.LazyFunction(lambda: Commune.objects.get(insee=WORMHOUT))

    class Params:
        published = factory.Trait(
            status=OfferStatus.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
            expires_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=60)),
        )
