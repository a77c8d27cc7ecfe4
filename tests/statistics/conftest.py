import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from shared_apps.referentials.models import Commune
from tenant_apps.accounts.enums import Role
from tenant_apps.applications.enums import HireSource
from tenant_apps.applications.models import Hire
from tenant_apps.candidates.models import Candidate, ProfileView
from tenant_apps.offers.enums import ApplicationMethod, OfferSource, OfferStatus
from tests.accounts.factories import UserFactory
from tests.applications.factories import ApplicationFactory
from tests.candidates.factories import CandidateFactory
from tests.employers.factories import WORMHOUT
from tests.offers.factories import OfferFactory

PARIS = ZoneInfo("Europe/Paris")


def at(day: str, time: str = "10:00") -> datetime.datetime:
    """A moment in the territory's local time."""
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=PARIS)


@pytest.fixture(autouse=True)
def _no_counters():
    """Counters live in the cache (Redis), which outlives a test and counts every test's page views."""
    client = getattr(getattr(cache, "_cache", None), "get_client", None)
    if client is None:
        cache.clear()
    else:
        redis = client(write=True)
        if keys := list(redis.scan_iter(match="*statistics:*")):
            redis.delete(*keys)


@pytest.fixture
def communes(territory):
    """Wormhout and another commune of the test territory."""
    wormhout = Commune.objects.get(insee=WORMHOUT)
    other = territory.communes.exclude(insee=WORMHOUT).order_by("insee").first()
    return wormhout, other


@pytest.fixture
def seeded(communes):
    """September and October 2026 in two communes, W (Wormhout) and B (the other one).

    Offers: o1 (W, 10 Sept, employer), o2 (W, 10 Sept at 23:30 local time — still the 10th —
    a need collected by an advisor, never answered), o3 (B, 5 Oct, first application after 20 days),
    o4 (B, 6 Oct, applications on an external site), o5 (a draft, never published).
    Candidates: c1 (W, self-service, 5 Sept, logged in 20 Oct), c2 (W, assisted, 15 Sept),
    c3 (B, self-service, 3 Oct), c4 (no commune, self-service, 4 Oct).
    Applications: c1→o1 12 Sept, c2→o1 2 Oct, c3→o3 25 Oct.
    Hires: o1 20 Sept through its application, o3 28 Oct elsewhere, o1 30 Oct proposed by an advisor.
    Profile views: a recruiter opens c1 twice on 8 Oct and c3 on 9 Oct; an advisor opens c1 (not counted).
    """
    wormhout, other = communes
    advisor = UserFactory(role=Role.ADVISOR)
    recruiter = UserFactory(role=Role.RECRUITER)

    def offer(commune, published_at, **fields):
        return OfferFactory(commune=commune, status=OfferStatus.PUBLISHED, published_at=published_at, **fields)

    o1 = offer(wormhout, at("2026-09-10"))
    offer(wormhout, at("2026-09-10", "23:30"), source=OfferSource.ADVISOR)
    o3 = offer(other, at("2026-10-05"))
    offer(other, at("2026-10-06"), application_method=ApplicationMethod.URL, application_url="https://example.org/")
    OfferFactory(commune=wormhout)

    def candidate(commune, created_at, **fields):
        created = CandidateFactory(commune=commune, **fields)
        Candidate.objects.filter(pk=created.pk).update(created_at=created_at, updated_at=created_at)
        return created

    c1 = candidate(wormhout, at("2026-09-05"))
    c2 = candidate(wormhout, at("2026-09-15"), created_by=advisor)
    c3 = candidate(other, at("2026-10-03"))
    candidate(None, at("2026-10-04"))
    c1.user.last_login = at("2026-10-20")
    c1.user.save(update_fields=["last_login"])

    def application(candidate, offer, created_at):
        sent = ApplicationFactory(candidate=candidate, offer=offer)
        type(sent).objects.filter(pk=sent.pk).update(created_at=created_at)
        return sent

    a1 = application(c1, o1, at("2026-09-12"))
    application(c2, o1, at("2026-10-02"))
    application(c3, o3, at("2026-10-25"))
    Hire.objects.create(offer=o1, application=a1, source=HireSource.PLATFORM, hired_on=datetime.date(2026, 9, 20))
    Hire.objects.create(offer=o3, source=HireSource.ELSEWHERE, hired_on=datetime.date(2026, 10, 28))
    Hire.objects.create(offer=o1, source=HireSource.ADVISOR, hired_on=datetime.date(2026, 10, 30))

    views = [(recruiter, c1, "2026-10-08"), (recruiter, c1, "2026-10-08"), (recruiter, c3, "2026-10-09")]
    for viewer, viewed, day in views:
        view = ProfileView.objects.create(candidate=viewed, viewer=viewer)
        ProfileView.objects.filter(pk=view.pk).update(at=at(day))
    ProfileView.objects.create(candidate=c1, viewer=advisor)
    return wormhout, other
