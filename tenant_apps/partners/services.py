"""Partner organisations: who belongs to which, what the territory grants them, and the
figures of their own scope (their candidates, their members' offers)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q

from tenant_apps.accounts.enums import Role
from tenant_apps.applications.enums import HireSource
from tenant_apps.applications.models import Application, Hire
from tenant_apps.candidates.models import Candidate
from tenant_apps.offers.models import Offer
from tenant_apps.partners.models import PartnerMembership, PartnerOrganisation


def organisation_of(user) -> PartnerOrganisation | None:
    """The organisation of an active partner; None for anyone else, or a partner not attached yet."""
    if not user.has_role(Role.PARTNER):
        return None
    try:
        return user.partner_membership.organisation
    except PartnerMembership.DoesNotExist:
        return None


def may_post_offers(user) -> bool:
    organisation = organisation_of(user)
    return organisation is not None and organisation.can_post_offers


def may_search_cvtheque(user) -> bool:
    organisation = organisation_of(user)
    return organisation is not None and organisation.can_search_cvtheque


def colleague_ids(user) -> frozenset:
    """Ids of the members of the partner's organisation (the partner included), read once per
    request: offers.services.can_manage asks for each offer of a list."""
    if not hasattr(user, "_partner_colleague_ids"):
        organisation = organisation_of(user)
        user._partner_colleague_ids = frozenset(
            PartnerMembership.objects.filter(organisation=organisation).values_list("user_id", flat=True)
            if organisation
            else [user.pk]
        )
    return user._partner_colleague_ids


def candidates_of(organisation: PartnerOrganisation):
    """The candidates who chose the organisation as their support."""
    return Candidate.objects.filter(support_organisation=organisation)


def offers_of(organisation: PartnerOrganisation):
    """The offers posted by the organisation's members (deactivated ones included: their membership
    stays; a member given another role takes their offers out of the scope)."""
    return Offer.objects.filter(created_by__partner_membership__organisation=organisation)


@dataclass
class ScopeFigures:
    candidates: int = 0
    candidate_applications: int = 0
    candidate_hires: dict = field(default_factory=dict)  # HireSource → count
    offers_published: int = 0
    offer_applications: int = 0
    offer_hires: dict = field(default_factory=dict)

    @property
    def candidate_hires_total(self) -> int:
        return sum(self.candidate_hires.values())

    @property
    def offer_hires_total(self) -> int:
        return sum(self.offer_hires.values())


def figures(organisation: PartnerOrganisation, start: datetime.date, end: datetime.date) -> ScopeFigures:
    """The organisation's figures for a period (local days, both ends included).

    An organisation's scope is small (its candidates, its members' offers), so this counts the
    rows themselves with set-based aggregates — four queries whatever the size — instead
    of going through the territory's roll-up (statistics.DailyFigure), which has no notion of
    organisation. Hires count by hiring date, applications by the day they were sent, offers by
    the day they were published; a hire "with source" is split by HireSource.
    """
    its_candidates = Q(candidate__support_organisation=organisation)
    its_offers = Q(offer__created_by__partner_membership__organisation=organisation)
    applications = Application.objects.filter(its_candidates | its_offers, created_at__date__range=(start, end))
    counts = applications.aggregate(
        candidates=Count("id", filter=its_candidates), offers=Count("id", filter=its_offers)
    )
    result = ScopeFigures(
        candidates=candidates_of(organisation).count(),
        candidate_applications=counts["candidates"],
        offer_applications=counts["offers"],
        offers_published=offers_of(organisation).filter(published_at__date__range=(start, end)).count(),
        candidate_hires=dict.fromkeys(HireSource, 0),
        offer_hires=dict.fromkeys(HireSource, 0),
    )
    hired_candidate = Q(application__candidate__support_organisation=organisation)
    hires = (
        Hire.objects.filter(hired_candidate | its_offers, hired_on__range=(start, end))
        .values("source")
        .annotate(candidates=Count("id", filter=hired_candidate), offers=Count("id", filter=its_offers))
        .order_by()
    )
    for row in hires:
        result.candidate_hires[HireSource(row["source"])] = row["candidates"]
        result.offer_hires[HireSource(row["source"])] = row["offers"]
    return result
