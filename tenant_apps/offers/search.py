# ruff: noqa: S608 - the SQL here is built from the models' table names and fixed fragments;
# every value is a query parameter.
"""Public offer search: French full text, typo tolerance, distance and filters, at scale.

What the search means
---------------------
- Words: ``websearch_to_tsquery`` on the French, accent-free configuration
  (stemming: "boulangere" finds "Boulanger / Boulangère") against the weighted
  vector (title A, occupation B, description C). Only when the words match no
  published offer at all are they taken for a typo: trigram word similarity on
  the normalised title and occupation (``%>``, above
  ``pg_trgm.word_similarity_threshold``, 0.6 by default).
- Distance: offers are placed at their commune's centre, so "within N km" is
  "in one of the communes whose centre lies within N km"
  (``nearby_communes``, a GiST index on the ~35,000 communes):
  a plain filter ``commune_id = ANY(...)``, and the distance shown comes from
  the commune. Distances are as the crow flies, in km.
- Order. Relevance (the default with words): offers whose title or occupation
  match (weights A/B) first, then those that match by their description only;
  newest first within each group. A job seeker types an occupation: an offer
  whose title or occupation says it is the relevant one, and among those a
  fresh offer is the one still open. Date (the default without words): newest
  first. Distance: nearest commune first, newest first within a commune. Ties
  are broken by id, so that pages never overlap.

How a page is computed
----------------------
A common word matches 5 to 10 % of the offers and a 15 km radius holds most of
a territory's offers: neither index is selective, and any plan that visits every
match (to rank, sort or count it) costs tens of milliseconds at 100,000 offers.
The planner cannot tell the two cases apart (its estimate for several words
assumes they are independent: "aide soignant" is estimated at 650 offers, 5,000
match), so the choice is made here, explicitly:

1. the window: walk the ``WINDOW`` newest published offers (an index on
   ``published_at``) and keep those that pass the filters; if they fill the
   page, it is exact — every other match is older. For a common word the walk
   stops after a few hundred rows (1-3 ms);
2. otherwise, the matches: every match through the indexes (GIN for the words,
   the commune for the radius), sorted. That is cheap exactly when matches are
   few — and it is where the count already said they are few (below) or the
   window found too few.

Counting goes the same way: the planner's estimate first (one EXPLAIN, ~1 ms;
accurate for one word, for filters and for the radius); above
``TRUSTED_ESTIMATE`` the page says "more than 1,000" without counting, below
it the matches are counted up to the cap. A count of 1,000 or fewer also says
that the matches are few, so such a page skips the window.

The neighbours' offers come from the shared index (every territory's published
offers, a million rows in the benchmark), nearest commune first, then newest:
see ``search_neighbours``.

Only the ids are selected by these queries (raw SQL: the ORM cannot express a
LIMIT inside a subquery that the filters must stay outside of); the page's rows
are then loaded through the ORM, with what each consumer needs.
"""

import datetime
import json
import math
from dataclasses import dataclass, field
from functools import cached_property

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from platform.pagination import RESULT_COUNT_CAP, CappedPaginator
from shared_apps.directory.models import PublishedOffer
from shared_apps.referentials.geo import distance_km
from shared_apps.referentials.models import Commune, Occupation
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

    @property
    def words(self) -> str:
        return self.text.strip()

    @property
    def order(self) -> str:
        """The sort asked, or the default: relevance with words, date without."""
        if self.sort == Sort.DISTANCE and not self.has_position:
            return Sort.DATE
        return self.sort or (Sort.RELEVANCE if self.words else Sort.DATE)


# How many of the newest offers a page walks before it asks the text index. The walk
# costs about 5 µs per offer (one heap page each); a word that fills a page of 20 in
# 2,000 offers (1 %) is better found this way than through its GIN entries.
WINDOW = 2000
# The planner's estimate of the matches is trusted above this: "more than 1,000" is then
# shown without counting. Twice the cap, to absorb its error on one word or filter.
TRUSTED_ESTIMATE = 2 * RESULT_COUNT_CAP
NEIGHBOUR_WINDOW = 1000
RESULTS_PER_PAGE = 20
NEIGHBOUR_RESULTS = 10

OFFERS = Offer._meta.db_table
SHARED_INDEX = PublishedOffer._meta.db_table
OCCUPATIONS = Occupation._meta.db_table
COMMUNES = Commune._meta.db_table
# The columns the filters read: offers and the shared index both have them.
SEARCH_COLUMNS = (
    "id, published_at, commune_id, contract_type, working_time, reachable_without_car, vehicle_required, "
    "occupation_id, search_vector, search_text"
)
QUERY = "websearch_to_tsquery(%s::regconfig, %s)"
HEAD_MATCH = f"ts_filter(search_vector, '{{a,b}}') @@ {QUERY}"  # title (A) or occupation (B)


class TextMode:
    NONE = "none"
    WORDS = "words"
    TYPOS = "typos"


@dataclass
class Sql:
    """A fragment of SQL and its parameters."""

    text: str
    params: list

    @classmethod
    def all(cls, parts: list["Sql"]) -> "Sql":
        if not parts:
            return cls("TRUE", [])
        return cls(" AND ".join(f"({part.text})" for part in parts), [p for part in parts for p in part.params])


EARTH_RADIUS_M = 6378168.0  # earthdistance's earth()


def _earth_point(latitude: float, longitude: float) -> tuple[float, float, float]:
    """earthdistance's ll_to_earth(): the point on a sphere, in metres."""
    lat, lon = math.radians(latitude), math.radians(longitude)
    return (
        EARTH_RADIUS_M * math.cos(lat) * math.cos(lon),
        EARTH_RADIUS_M * math.cos(lat) * math.sin(lon),
        EARTH_RADIUS_M * math.sin(lat),
    )


def nearby_communes(criteria: Criteria) -> dict[str, float] | None:
    """INSEE code → distance (km) of the communes within the radius, nearest first; None
    when the search has no radius.

    As ``referentials.geo.communes_within`` (the box through the GiST index on communes,
    then the exact circle), but the exact distance of the ~80 communes in the box is
    computed here, with earthdistance's formula (chord, then arc): in SQL,
    earth_distance() costs 20 µs a call, 2 ms a search."""
    if not (criteria.has_position and criteria.radius_km):
        return None
    box = (
        f"SELECT insee, latitude, longitude FROM {COMMUNES} "
        "WHERE earth_box(ll_to_earth(%s, %s), %s) @> ll_to_earth(latitude, longitude)"
    )
    with connection.cursor() as cursor:
        cursor.execute(box, [criteria.latitude, criteria.longitude, criteria.radius_km * 1000.0])
        candidates = cursor.fetchall()
    origin = _earth_point(criteria.latitude, criteria.longitude)
    near = {}
    for insee, latitude, longitude in candidates:
        chord = math.dist(origin, _earth_point(latitude, longitude))
        km = 2 * EARTH_RADIUS_M * math.asin(min(1.0, chord / (2 * EARTH_RADIUS_M))) / 1000.0
        if km <= criteria.radius_km:
            near[insee] = km
    return dict(sorted(near.items(), key=lambda item: (item[1], item[0])))


def _filters(criteria: Criteria, near: dict | None, text_mode: str) -> Sql:
    """The criteria as SQL over SEARCH_COLUMNS (unqualified: each query puts one table in scope)."""
    parts = []
    if near is not None:
        parts.append(Sql("commune_id = ANY(%s)", [list(near)]))
    if criteria.contract_types:
        parts.append(Sql("contract_type = ANY(%s)", [list(criteria.contract_types)]))
    if criteria.working_time:
        parts.append(Sql("working_time = %s", [criteria.working_time]))
    if criteria.posted_within_days:
        since = timezone.now() - datetime.timedelta(days=criteria.posted_within_days)
        parts.append(Sql("published_at >= %s", [since]))
    if criteria.domain:
        domain = f"occupation_id IN (SELECT code FROM {OCCUPATIONS} WHERE domain_code = %s)"
        parts.append(Sql(domain, [criteria.domain]))
    if criteria.without_car:
        parts.append(Sql("reachable_without_car AND NOT vehicle_required", []))
    if text_mode == TextMode.WORDS:
        parts.append(Sql(f"search_vector @@ {QUERY}", [SEARCH_CONFIG, criteria.words]))
    elif text_mode == TextMode.TYPOS:
        parts.append(Sql("search_text %%> %s", [normalize(criteria.words)]))
    return Sql.all(parts)


def _order(criteria: Criteria, near: dict | None, text_mode: str) -> Sql:
    """ORDER BY of the matches' query (step 2), the definition of each sort."""
    newest = "published_at DESC, id DESC"
    order = criteria.order
    if order == Sort.RELEVANCE and text_mode == TextMode.WORDS:
        return Sql(f"{HEAD_MATCH} DESC, {newest}", [SEARCH_CONFIG, criteria.words])
    if order == Sort.RELEVANCE and text_mode == TextMode.TYPOS:
        return Sql(f"word_similarity(%s, search_text) DESC, {newest}", [normalize(criteria.words)])
    if order == Sort.DISTANCE and near is not None:
        return Sql(f"array_position(%s::varchar[], commune_id::varchar), {newest}", [list(near)])
    if order == Sort.DISTANCE:
        return Sql(
            f"earth_distance(ll_to_earth(%s, %s), ll_to_earth(latitude, longitude)), {newest}",
            [criteria.latitude, criteria.longitude],
        )
    return Sql(newest, [])


def _fetch_ids(sql: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _estimate(sql: str, params: list) -> float:
    """The planner's estimate of the rows ``sql`` returns."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"]


def _in_order(rows: QuerySet, ids: list[int]) -> list:
    """The rows of ``ids``, in that order (model instances or ``values()`` dicts)."""
    position = {pk: index for index, pk in enumerate(ids)}
    loaded = list(rows.filter(pk__in=ids)) if ids else []
    return sorted(loaded, key=lambda row: position[row["pk"] if isinstance(row, dict) else row.pk])


def _with_distance(rows: list, near: dict | None) -> list:
    """Model rows with ``distance_km``: their commune's, which is theirs (offers sit at
    their commune's centre), read from the radius's communes."""
    if near is not None:
        for row in rows:
            if not isinstance(row, dict):
                row.distance_km = near[row.commune_id]
    return rows


# What a list of results shows (search page, widget, neighbours): loading whole rows of
# three models costs more than the queries that find them.
RESULT_FIELDS = [
    "title",
    "contract_type",
    "working_time",
    "reachable_without_car",
    "published_at",
    "commune__name",
    "employer__name",
]
NEIGHBOUR_FIELDS = [
    "offer_id",
    "title",
    "employer_name",
    "published_at",
    "commune__name",
    "territory__name",
    "territory__schema_name",
]


def display_rows() -> QuerySet:
    return Offer.objects.select_related("employer", "commune").only(*RESULT_FIELDS)


class OfferSearch:
    """The territory's published offers that match criteria, as a sequence for paginators:
    a slice runs the queries for that slice only, ``capped_count`` counts no further
    than asked. ``rows`` is the queryset the page's offers are loaded with."""

    def __init__(self, criteria: Criteria, rows: QuerySet | None = None, near: dict | None = None):
        self.criteria = criteria
        self.rows = display_rows() if rows is None else rows
        self._given_near = near
        self._counts: dict[int, int] = {}

    @cached_property
    def near(self) -> dict[str, float] | None:
        """The communes within the radius (see nearby_communes), unless the caller has them."""
        return self._given_near if self._given_near is not None else nearby_communes(self.criteria)

    @cached_property
    def text_mode(self) -> str:
        words = self.criteria.words
        if not words:
            return TextMode.NONE
        # Typos are looked for only when the words match no published offer.
        exists = f"SELECT EXISTS (SELECT 1 FROM {OFFERS} WHERE status = 'published' AND search_vector @@ {QUERY})"
        with connection.cursor() as cursor:
            cursor.execute(exists, [SEARCH_CONFIG, words])
            return TextMode.WORDS if cursor.fetchone()[0] else TextMode.TYPOS

    @cached_property
    def where(self) -> Sql:
        return _filters(self.criteria, self.near, self.text_mode)

    # Counting

    def capped_count(self, limit: int) -> int:
        """The number of matches, or ``limit`` if there are that many or more."""
        if limit not in self._counts:
            self._counts[limit] = self._count(limit)
        return self._counts[limit]

    def count(self) -> int:
        return self.capped_count(RESULT_COUNT_CAP + 1)

    def _count(self, limit: int) -> int:
        matches = f"SELECT 1 FROM {OFFERS} WHERE status = 'published' AND {self.where.text}"
        if _estimate(matches, self.where.params) >= max(TRUSTED_ESTIMATE, limit):
            return limit
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({matches} LIMIT %s) AS counted", [*self.where.params, limit])
            return cursor.fetchone()[0]

    @property
    def _few(self) -> bool:
        """Whether a count (paginators ask it before the page) says the matches are few."""
        return any(count < limit for limit, count in self._counts.items())

    # Pages

    def ids(self, offset: int, limit: int) -> list[int]:
        """The ids of the matches ``offset`` to ``offset + limit``, in the search's order."""
        order, mode = self.criteria.order, self.text_mode
        if order == Sort.DISTANCE and mode == TextMode.NONE and self.near is not None:
            return self._nearest_ids(offset, limit)
        if mode == TextMode.TYPOS or order == Sort.DISTANCE or self._few:
            return self._sorted_ids(offset, limit)
        ids = self._window_ids(offset, limit)
        return ids if len(ids) == limit else self._sorted_ids(offset, limit)

    def _window_ids(self, offset: int, limit: int) -> list[int]:
        """Step 1: the page among the WINDOW newest offers (relevance: title or occupation matches)."""
        where = self.where
        if self.criteria.order == Sort.RELEVANCE and self.text_mode == TextMode.WORDS:
            where = Sql.all([where, Sql(HEAD_MATCH, [SEARCH_CONFIG, self.criteria.words])])
        sql = f"""
            SELECT id FROM (
                SELECT {SEARCH_COLUMNS} FROM {OFFERS} WHERE status = 'published'
                ORDER BY published_at DESC, id DESC LIMIT %s
            ) AS recent
            WHERE {where.text}
            ORDER BY published_at DESC, id DESC LIMIT %s OFFSET %s
        """
        return _fetch_ids(sql, [WINDOW, *where.params, limit, offset])

    def _sorted_ids(self, offset: int, limit: int) -> list[int]:
        """Step 2: every match through the indexes, sorted."""
        order = _order(self.criteria, self.near, self.text_mode)
        sql = f"""
            SELECT id FROM {OFFERS} WHERE status = 'published' AND {self.where.text}
            ORDER BY {order.text} LIMIT %s OFFSET %s
        """
        return _fetch_ids(sql, [*self.where.params, *order.params, limit, offset])

    def _nearest_ids(self, offset: int, limit: int) -> list[int]:
        """Nearest commune first without words: the newest offers of each commune, in
        turn (index on commune and date), until the page is full."""
        where = _filters(self.criteria, None, TextMode.NONE)
        sql = f"""
            SELECT nearest.id FROM unnest(%s::varchar[]) WITH ORDINALITY AS near (insee, rank)
            CROSS JOIN LATERAL (
                SELECT id, published_at FROM {OFFERS}
                WHERE status = 'published' AND commune_id = near.insee AND {where.text}
                ORDER BY published_at DESC, id DESC LIMIT %s
            ) AS nearest
            ORDER BY near.rank, nearest.published_at DESC, nearest.id DESC LIMIT %s OFFSET %s
        """
        return _fetch_ids(sql, [list(self.near), *where.params, offset + limit, limit, offset])

    def __getitem__(self, index: slice) -> list:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("An offer search is read by slices of consecutive results.")
        start = index.start or 0
        stop = RESULT_COUNT_CAP if index.stop is None else index.stop
        if stop <= start:
            return []
        rows = self.rows
        if self.criteria.has_position and self.near is None:
            rows = rows.annotate(
                distance_km=distance_km(rows.model._meta.db_table, self.criteria.latitude, self.criteria.longitude)
            )
        return _with_distance(_in_order(rows, self.ids(start, stop - start)), self.near)

    def __iter__(self):
        """The reachable results (the first RESULT_COUNT_CAP)."""
        return iter(self[:RESULT_COUNT_CAP])


def search_offers(criteria: Criteria, rows: QuerySet | None = None, near: dict | None = None) -> OfferSearch:
    """The territory's own published offers matching ``criteria``."""
    return OfferSearch(criteria, rows, near)


def search_neighbours(
    criteria: Criteria,
    territory,
    limit: int = NEIGHBOUR_RESULTS,
    near: dict | None = None,
    text_mode: str | None = None,
) -> list:
    """Published offers of the territories that share theirs with this one, within the
    radius (they matter near the border: only with a position and a radius), the
    ``limit`` nearest: nearest commune first, newest first within a commune.

    The shared index holds every territory's offers, this one's too, and those crowd the
    communes around a search made here. Both ways of finding the neighbours' entries
    leave them out within an index (commune, territory, date, id), by territory ranges:

    - with words: the entries that match them (GIN) and lie within the radius outside
      this territory (the index's ranges before and after it, commune by commune);
    - without words: the nearest walk — communes in turn, their entries newest first,
      at most NEIGHBOUR_WINDOW — then, if it finds too few, every entry within the radius.
    """
    near = nearby_communes(criteria) if near is None else near
    if not near:
        return []
    sharing = list(territory.receives_offers_from.order_by().values_list("pk", flat=True))
    if not sharing:
        return []
    # A word in this territory's offers is no typo; otherwise, ask the shared index.
    if text_mode in (None, TextMode.TYPOS):
        text_mode = _neighbours_text_mode(criteria)
    if text_mode == TextMode.WORDS:
        ids = _neighbour_ids_by_words(criteria, near, sharing, territory.pk, limit)
    elif text_mode == TextMode.TYPOS:
        ids = _sorted_neighbour_ids(criteria, near, sharing, text_mode, limit)
    else:
        ids = _nearest_neighbour_ids(criteria, near, sharing, limit)
        if len(ids) < limit:
            ids = _sorted_neighbour_ids(criteria, near, sharing, text_mode, limit)
    rows = (
        PublishedOffer.objects.select_related("commune", "territory")
        .only(*NEIGHBOUR_FIELDS)
        .prefetch_related("territory__domains")
    )
    return _with_distance(_in_order(rows, ids), near)


def _neighbours_text_mode(criteria: Criteria) -> str:
    if not criteria.words:
        return TextMode.NONE
    exists = f"SELECT EXISTS (SELECT 1 FROM {SHARED_INDEX} WHERE search_vector @@ {QUERY})"
    with connection.cursor() as cursor:
        cursor.execute(exists, [SEARCH_CONFIG, criteria.words])
        return TextMode.WORDS if cursor.fetchone()[0] else TextMode.TYPOS


NEIGHBOURS_ORDER = "array_position(%s::varchar[], commune_id::varchar), published_at DESC, id DESC"


def _neighbour_ids_by_words(criteria, near, sharing, own: int, limit: int) -> list[int]:
    """The entries matching the words within the radius, this territory's left out by two
    ranges of the (commune, territory) index — ``<>`` cannot use an index — whose bitmaps
    the planner ANDs with the words' GIN one. OFFSET 0 keeps the sharing territories out
    of the ranges' conditions: as a list there, they would cost one index descent per
    commune and territory."""
    where = _filters(criteria, near, TextMode.WORDS)
    columns = f"SELECT id, territory_id, commune_id, published_at FROM {SHARED_INDEX}"
    sql = f"""
        SELECT id FROM (
            {columns} WHERE territory_id < %s AND {where.text}
            UNION ALL
            {columns} WHERE territory_id > %s AND {where.text}
            OFFSET 0
        ) AS entry
        WHERE territory_id = ANY(%s)
        ORDER BY {NEIGHBOURS_ORDER} LIMIT %s
    """
    return _fetch_ids(sql, [own, *where.params, own, *where.params, sharing, list(near), limit])


def _nearest_neighbour_ids(criteria, near, sharing, limit) -> list[int]:
    """The nearest walk, over at most NEIGHBOUR_WINDOW entries: read from the index alone
    (commune, territory, date, id), so that this territory's entries are skipped there;
    only the entries taken are then read, in turn (OFFSET 0 keeps that a loop in order)."""
    where = _filters(criteria, None, TextMode.NONE)
    sql = f"""
        SELECT nearest.id FROM (
            SELECT entry.id, entry.published_at, near.rank
            FROM unnest(%s::varchar[]) WITH ORDINALITY AS near (insee, rank)
            CROSS JOIN LATERAL (
                SELECT id, published_at FROM {SHARED_INDEX}
                WHERE commune_id = near.insee AND territory_id = ANY(%s)
                ORDER BY published_at DESC, id DESC LIMIT %s
            ) AS entry
            ORDER BY near.rank, entry.published_at DESC, entry.id DESC LIMIT %s
        ) AS nearest
        CROSS JOIN LATERAL (
            SELECT {SEARCH_COLUMNS} FROM {SHARED_INDEX} WHERE id = nearest.id OFFSET 0
        ) AS entry
        WHERE {where.text}
        ORDER BY nearest.rank, nearest.published_at DESC, nearest.id DESC LIMIT %s
    """
    return _fetch_ids(sql, [list(near), sharing, NEIGHBOUR_WINDOW, NEIGHBOUR_WINDOW, *where.params, limit])


def _sorted_neighbour_ids(criteria, near, sharing, text_mode, limit) -> list[int]:
    """Every entry of the sharing territories within the radius that passes the filters, sorted."""
    where = _filters(criteria, near, text_mode)
    sql = f"""
        SELECT id FROM {SHARED_INDEX} WHERE territory_id = ANY(%s) AND {where.text}
        ORDER BY {NEIGHBOURS_ORDER} LIMIT %s
    """
    return _fetch_ids(sql, [sharing, *where.params, list(near), limit])


def search_page(criteria: Criteria, territory, page_number, per_page: int = RESULTS_PER_PAGE):
    """What the search page shows: a page of the territory's offers (counted up to the cap)
    and the nearest offers of its neighbours, for the same communes."""
    offers = search_offers(criteria)
    page = CappedPaginator(offers, per_page).get_page(page_number)
    neighbours = search_neighbours(criteria, territory, NEIGHBOUR_RESULTS, near=offers.near, text_mode=offers.text_mode)
    return page, neighbours


def with_distance_from(offers: QuerySet, commune) -> QuerySet:
    """Offers annotated with ``distance_km`` from a commune's centre."""
    return offers.annotate(distance_km=distance_km(offers.model._meta.db_table, commune.latitude, commune.longitude))
