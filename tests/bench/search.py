"""Offer search at scale: 100,000 offers in one territory, 1,000,000 in the shared index.

The territory is the CC des Hauts de Flandre with generated offers (the demo
generator); the shared index is filled in SQL with offers of the bench's other
territories, placed in the communes of the Nord and the Pas-de-Calais, all
sharing with it. Each search runs what the search page runs: the page of 20
results, their count and the 10 nearest neighbours' offers.
"""

import statistics
import time

from django.db import connection
from django_tenants.utils import tenant_context

from platform.pagination import CappedPaginator
from tenant_apps.offers.search import Criteria, search_neighbours, search_offers
from tenants.demo import OFFERS_PER_SCALE, populate
from tenants.models import Territory
from tenants.services import onboard_territory

TERRITORY_EPCI = "200040954"
TEXTS = ["", "boulanger", "aide soignant", "cariste", "vendeuse", "soudeur", "cuisine", "chauffeur poids lourd"]
RADIUS_KM = 15
INDEX_SQL = """
CREATE TEMP TABLE bench_titles AS
    SELECT row_number() OVER (ORDER BY code) - 1 AS n, label, occupation_id FROM referentials_appellation;
CREATE TEMP TABLE bench_communes AS
    SELECT row_number() OVER (ORDER BY insee) - 1 AS n, insee, latitude, longitude
    FROM referentials_commune WHERE department IN ('59', '62');
CREATE TEMP TABLE bench_territories AS
    SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM tenants_territory
    WHERE kind = 'territory' AND epci_siren <> %(epci)s;
INSERT INTO directory_publishedoffer (
    territory_id, offer_id, title, employer_name, occupation_id, commune_id, latitude, longitude,
    contract_type, working_time, reachable_without_car, vehicle_required, published_at, expires_at,
    search_vector, search_text)
SELECT t.id, g, a.label, 'Entreprise ' || g, a.occupation_id, c.insee, c.latitude, c.longitude,
       (ARRAY['cdi', 'cdd', 'temporary', 'apprenticeship'])[1 + g %% 4], 'full_time', g %% 3 = 0, false,
       now() - (g %% 30) * interval '1 day', now() + interval '30 days',
       setweight(to_tsvector('public.french_unaccent', a.label), 'A'), lower(public.unaccent(a.label))
FROM generate_series(1, %(rows)s) g
JOIN bench_titles a ON a.n = g %% (SELECT count(*) FROM bench_titles)
JOIN bench_communes c ON c.n = (g::bigint * 7919) %% (SELECT count(*) FROM bench_communes)
JOIN bench_territories t ON t.n = g %% (SELECT count(*) FROM bench_territories);
"""


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def build(quick: bool) -> Territory:
    offers, index_rows = (10_000, 100_000) if quick else (100_000, 1_000_000)
    territory = onboard_territory(
        epci_siren=TERRITORY_EPCI, domain="search.bench.localhost", admin_email="admin@bench.example.org"
    ).territory
    with tenant_context(territory):
        populate(territory, scale=offers // OFFERS_PER_SCALE)
    neighbours = Territory.objects.portals().exclude(pk=territory.pk)
    territory.receives_offers_from.add(*neighbours)
    with connection.cursor() as cursor:
        cursor.execute(INDEX_SQL, {"epci": TERRITORY_EPCI, "rows": index_rows})
        cursor.execute("ANALYZE directory_publishedoffer")
    with tenant_context(territory), connection.cursor() as cursor:
        cursor.execute("ANALYZE offers_offer")
    return territory


def run_search(territory, criteria) -> None:
    page = CappedPaginator(search_offers(criteria), 20).get_page(1)
    list(page)
    page.paginator.count  # noqa: B018 - the count the page shows
    list(search_neighbours(criteria, territory)[:10])


def measure(territory, rounds: int = 1) -> list[float]:
    communes = list(territory.communes.order_by("insee"))
    durations = []
    with tenant_context(territory):
        for _ in range(rounds):
            for index, text in enumerate(TEXTS):
                for commune in communes[index::8][:5]:
                    criteria = Criteria(
                        text=text, latitude=commune.latitude, longitude=commune.longitude, radius_km=RADIUS_KM
                    )
                    started = time.perf_counter()
                    run_search(territory, criteria)
                    durations.append((time.perf_counter() - started) * 1000)
    return durations


def explain(territory) -> str:
    commune = territory.communes.get(insee="59663")  # Wormhout
    criteria = Criteria(text="aide soignant", latitude=commune.latitude, longitude=commune.longitude, radius_km=15)
    with tenant_context(territory):
        return search_offers(criteria)[:20].explain(analyze=True, buffers=True)


def run(quick: bool):
    territory = build(quick)
    measure(territory)  # warm the caches
    durations = measure(territory)
    plan = explain(territory)
    print("EXPLAIN ANALYZE (aide soignant, 15 km of Wormhout):\n" + plan, flush=True)
    return [
        {"name": "search_sql_p50_ms", "value": round(statistics.median(durations), 1), "unit": "ms", "target": None},
        {"name": "search_sql_p95_ms", "value": round(_percentile(durations, 0.95), 1), "unit": "ms", "target": 30},
    ]
