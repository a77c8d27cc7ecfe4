"""Public offer search: French full text, typo tolerance and distance, in one query.

- Text: ``websearch_to_tsquery`` on the French, accent-free configuration
  (stemming: "boulangere" finds "Boulanger / Boulangère"), or — for typos —
  trigram word similarity on the normalised title and occupation (the ``%>``
  operator, above ``pg_trgm.word_similarity_threshold``, 0.6 by default, served
  by the trigram index).
- Distance: ``earth_box`` (served by the GiST index on
  ``ll_to_earth(latitude, longitude)``) to narrow, then ``earth_distance`` for
  the exact radius; distances are as the crow flies, in km.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import BooleanField, F, FloatField, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils import timezone

from shared_apps.directory.models import PublishedOffer
from shared_apps.referentials.text import normalize
from tenant_apps.offers.models import SEARCH_CONFIG, Offer


class Sort:
    RELEVANCE = "pertinence"
    DISTANCE = "distance"
    DATE = "date"


@dataclass(frozen=True)
class Criteria:
    text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    radius_km: int | None = None
    contract_types: list[str] = field(default_factory=list)
    working_time: str = ""
    posted_within_days: int | None = None
    domain: str = ""
    without_car: bool = False
    sort: str = ""

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None


# In the two RawSQL below, the table name comes from the model's metadata and
# every value is a query parameter.
def _distance_km(table: str, criteria: Criteria):
    return RawSQL(  # noqa: S611
        f"earth_distance(ll_to_earth(%s, %s), ll_to_earth({table}.latitude, {table}.longitude)) / 1000.0",
        (criteria.latitude, criteria.longitude),
        output_field=FloatField(),
    )


def _within_box(table: str, criteria: Criteria):
    return RawSQL(  # noqa: S611
        f"earth_box(ll_to_earth(%s, %s), %s) @> ll_to_earth({table}.latitude, {table}.longitude)",
        (criteria.latitude, criteria.longitude, criteria.radius_km * 1000.0),
        output_field=BooleanField(),
    )


def _knn_distance(table: str, criteria: Criteria):
    """The cube distance, which orders like the true distance and which the GiST
    index serves in ORDER BY (nearest first without computing every distance)."""
    return RawSQL(  # noqa: S611
        f"ll_to_earth({table}.latitude, {table}.longitude) <-> ll_to_earth(%s, %s)",
        (criteria.latitude, criteria.longitude),
        output_field=FloatField(),
    )


def apply_criteria(offers: QuerySet, criteria: Criteria) -> QuerySet:
    """Filter, annotate (rank, distance_km) and order offers, or entries of the
    shared index, which carry the same search columns."""
    table = offers.model._meta.db_table
    if criteria.contract_types:
        offers = offers.filter(contract_type__in=criteria.contract_types)
    if criteria.working_time:
        offers = offers.filter(working_time=criteria.working_time)
    if criteria.posted_within_days:
        offers = offers.filter(published_at__gte=timezone.now() - datetime.timedelta(days=criteria.posted_within_days))
    if criteria.domain:
        offers = offers.filter(occupation__domain_code=criteria.domain)
    if criteria.without_car:
        offers = offers.filter(reachable_without_car=True, vehicle_required=False)

    ordering = ["-published_at", "-pk"]
    if criteria.text.strip():
        query = SearchQuery(criteria.text, config=SEARCH_CONFIG, search_type="websearch")
        matched = offers.filter(search_vector=query)
        # Typos are looked for only when the words themselves match nothing: an OR
        # of the two would keep either GIN index from serving the query.
        if matched.exists():
            offers = matched.annotate(rank=SearchRank(F("search_vector"), query))
        else:
            typed = normalize(criteria.text)
            offers = offers.filter(search_text__trigram_word_similar=typed).annotate(
                rank=TrigramWordSimilarity(Value(typed), "search_text")
            )
        if criteria.sort in ("", Sort.RELEVANCE):
            ordering = ["-rank", *ordering]
    if criteria.has_position:
        offers = offers.annotate(distance_km=_distance_km(table, criteria))
        if criteria.radius_km:
            offers = offers.filter(_within_box(table, criteria), distance_km__lte=criteria.radius_km)
        if criteria.sort == Sort.DISTANCE or (criteria.sort == "" and not criteria.text.strip()):
            ordering = [_knn_distance(table, criteria).asc(), *ordering]
    return offers.order_by(*ordering)


def with_distance_from(offers: QuerySet, commune) -> QuerySet:
    """Offers annotated with ``distance_km`` from a commune's centre."""
    criteria = Criteria(latitude=commune.latitude, longitude=commune.longitude)
    return offers.annotate(distance_km=_distance_km(offers.model._meta.db_table, criteria))


def search_offers(criteria: Criteria) -> QuerySet:
    """The territory's own published offers."""
    offers = (
        Offer.objects.published()
        .select_related("employer", "commune")
        .for_display()
        .defer("description_html", "qualifications")
    )
    return apply_criteria(offers, criteria)


def search_neighbours(criteria: Criteria, territory) -> QuerySet:
    """Published offers of the territories that share theirs with this one, within
    the radius: only with a position, since they matter near the border."""
    if not criteria.has_position:
        return PublishedOffer.objects.none()
    entries = (
        PublishedOffer.objects.filter(territory__in=territory.receives_offers_from.all())
        .select_related("commune", "territory")
        .prefetch_related("territory__domains")
    )
    return apply_criteria(entries.defer("search_vector"), criteria)
