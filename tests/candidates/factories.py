import factory
from django.utils import timezone

from shared_apps.referentials.models import Commune, Occupation
from tenant_apps.accounts.enums import Role
from tenant_apps.candidates.enums import ConsentMethod, OnBehalfKind
from tenant_apps.candidates.models import (
    AssistedRegistration,
    Candidate,
    Experience,
    OnBehalfAction,
    Training,
    refresh_search_vectors,
)
from tenant_apps.candidates.services import set_occupations
from tests.accounts.factories import UserFactory
from tests.employers.factories import WORMHOUT


class CandidateFactory(factory.django.DjangoModelFactory):
    """A candidate living in Wormhout; ``occupations=["J1501"]`` sets wanted occupations."""

    class Meta:
        model = Candidate
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, role=Role.CANDIDATE)
    commune = factory.LazyFunction(lambda: Commune.objects.get(insee=WORMHOUT))
    phone = "06 12 34 56 78"

    class Params:
        visible = factory.Trait(cvtheque_visible=True, cvtheque_consent_at=factory.LazyFunction(timezone.now))

    @factory.post_generation
    def occupations(self, create, codes, **kwargs):
        if create and codes:
            set_occupations(self, list(Occupation.objects.filter(code__in=codes)))
        if create:
            refresh_search_vectors([self.pk])


class ExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experience
        skip_postgeneration_save = True

    candidate = factory.SubFactory(CandidateFactory)
    title = "Aide-soignante"
    organisation = "EHPAD Les Tilleuls"
    start_year = 2018
    end_year = 2023

    @factory.post_generation
    def searchable(self, create, extracted, **kwargs):
        if create:  # as the profile step does
            refresh_search_vectors([self.candidate_id])


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    candidate = factory.SubFactory(CandidateFactory)
    title = "Diplôme d'État d'aide-soignant"
    year = 2018


class AssistedRegistrationFactory(factory.django.DjangoModelFactory):
    """A profile an agent built with the person, whose account has no password yet."""

    class Meta:
        model = AssistedRegistration

    candidate = factory.SubFactory(
        CandidateFactory,
        user__password=None,
        created_by=factory.SubFactory(UserFactory, role=Role.RECEPTION_AGENT),
    )
    consent_method = ConsentMethod.ORAL
    consent_recorded_by = factory.SelfAttribute("candidate.created_by")
    consent_at = factory.LazyFunction(timezone.now)


class OnBehalfActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnBehalfAction

    candidate = factory.SubFactory(CandidateFactory)
    agent = factory.SubFactory(UserFactory, role=Role.RECEPTION_AGENT)
    kind = OnBehalfKind.PROFILE_CHANGED
