import datetime

import factory
from django.utils import timezone

from shared_apps.referentials.models import Commune
from tenant_apps.forums.models import Forum, ForumHire, Participant, Registration
from tests.candidates.factories import CandidateFactory
from tests.employers.factories import WORMHOUT, EmployerFactory


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum

    title = "Forum emploi des Hauts de Flandre"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))
    ends_at = factory.LazyAttribute(lambda forum: forum.starts_at + datetime.timedelta(hours=5))
    place = "Salle des fêtes"
    address = "Place du Général de Gaulle"
    commune = factory.LazyFunction(lambda: Commune.objects.get(insee=WORMHOUT))
    description = "Une trentaine d'employeurs recrutent."

    class Params:
        past = factory.Trait(starts_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10)))


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    forum = factory.SubFactory(ForumFactory)
    employer = factory.SubFactory(EmployerFactory)
    stand = "A3"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    forum = factory.SubFactory(ForumFactory)
    candidate = factory.SubFactory(CandidateFactory)

    class Params:
        attended = factory.Trait(attended_at=factory.LazyFunction(timezone.now))


class ForumHireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumHire

    registration = factory.SubFactory(RegistrationFactory, attended=True)
    forum = factory.SelfAttribute("registration.forum")
    participant = factory.SubFactory(ParticipantFactory, forum=factory.SelfAttribute("..forum"))
    hired_on = factory.LazyFunction(timezone.localdate)
