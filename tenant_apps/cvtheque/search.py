"""The CVthèque search: visible candidates by occupation, French full text over the
profile and the CV's text, distance from a commune, availability, contract, mobility."""

import datetime
import json
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL

from shared_apps.referentials.geo import communes_within, distance_km
from tenant_apps.candidates.models import Candidate
from tenant_apps.offers.models import SEARCH_CONFIG


@dataclass(frozen=True)
class CandidateCriteria:
    text: str = ""
    occupation_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    radius_km: int | None = None
    available_by: datetime.date | None = None
    contract_type: str = ""
    driving_licence: bool = False
    has_vehicle: bool = False

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def search_candidates(criteria: CandidateCriteria) -> QuerySet:
    """Ranked by relevance when words are given, then by distance, then the freshest profiles."""
    table = Candidate._meta.db_table
    # Without the long texts (the CV's can weigh 100 kB): a results page shows cards. The
    # person and the commune are fetched for the page's rows only: joined, they were joined to
    # every match before the sort (a scan of every account, for an occupation's 4,000 people).
    candidates = (
        Candidate.objects.in_cvtheque()
        .prefetch_related("user", "commune")
        .defer("cv_text", "search_vector", "presentation", "skills", "languages")
    )
    ordering = ["-updated_at", "-pk"]
    if criteria.occupation_code:
        candidates = candidates.filter(occupation_codes__contains=[criteria.occupation_code])
    if criteria.available_by:
        candidates = candidates.filter(Q(available_from__isnull=True) | Q(available_from__lte=criteria.available_by))
    if criteria.contract_type:
        # A candidate who ticked no contract takes any.
        candidates = candidates.filter(Q(contract_types=[]) | Q(contract_types__contains=[criteria.contract_type]))
    if criteria.driving_licence:
        candidates = candidates.filter(driving_licence=True)
    if criteria.has_vehicle:
        candidates = candidates.filter(has_vehicle=True)
    if criteria.has_position:
        if criteria.radius_km:
            # People live at their commune's centre: the commune's distance is theirs,
            # read from a small JSON map rather than computed on every row.
            near = communes_within(criteria.latitude, criteria.longitude, criteria.radius_km)
            candidates = candidates.filter(commune_id__in=list(near)).annotate(
                distance_km=RawSQL(  # noqa: S611 - the table name is the model's, the map a parameter
                    f"(%s::jsonb ->> {table}.commune_id)::float8", (json.dumps(near),), output_field=FloatField()
                )
            )
        else:
            candidates = candidates.annotate(distance_km=distance_km(table, criteria.latitude, criteria.longitude))
        ordering = ["distance_km", *ordering]
    if criteria.text.strip():
        query = SearchQuery(criteria.text, config=SEARCH_CONFIG, search_type="websearch")
        candidates = candidates.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
        ordering = ["-rank", *ordering]
    return candidates.order_by(*ordering)
