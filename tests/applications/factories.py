import factory
from django.core.files.base import ContentFile

from tenant_apps.applications.models import Application
from tenant_apps.candidates.enums import CvKind
from tests.candidates.factories import CandidateFactory
from tests.offers.factories import OfferFactory


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    candidate = factory.SubFactory(CandidateFactory)
    offer = factory.SubFactory(OfferFactory, published=True)
    message = "Je suis disponible tout de suite."
    cv = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 cv", name="cv.pdf"))
    cv_kind = CvKind.GENERATED
