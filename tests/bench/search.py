"""Offer search at scale: 100,000 offers in one territory, 1,000,000 in the shared index.

The territory is the CC des Hauts de Flandre with generated offers (the demo
generator); the shared index is filled in SQL with offers of the bench's other
territories, placed in the communes of the Nord and the Pas-de-Calais, all
sharing with it. Each search runs what the search page runs (``search_page``):
the page of 20 results, their count and the 10 nearest neighbours' offers.

Then the search page itself, served by gunicorn (2 workers) from this database:
its latency (sequential requests) and throughput (concurrent requests), beside a
view that does nothing behind the same middleware (``tests.bench.urls``). The 40
searches are those visitors repeat, so after the warm-up they come from the page cache
(``offers.page_cache``); ``search_page_uncached_*`` gives every request a URL of its own,
as after a publication, which renders every page anew.
"""

import statistics
import time
import uuid
from urllib.parse import urlencode

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from tenant_apps.offers.search import Criteria, search_page
from tenants.demo import OFFERS_PER_SCALE, populate
from tenants.models import Territory
from tenants.services import onboard_territory
from tests.bench.harness import free_port, get, load, percentile, prepare_platform, serve

TERRITORY_EPCI = "200040954"
TERRITORY_DOMAIN = "search.bench.localhost"
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


def build(quick: bool) -> Territory:
    offers, index_rows = (10_000, 100_000) if quick else (100_000, 1_000_000)
    prepare_platform()
    territory = onboard_territory(
        epci_siren=TERRITORY_EPCI, domain=TERRITORY_DOMAIN, admin_email="admin@bench.example.org"
    ).territory
    with tenant_context(territory):
        populate(territory, scale=offers // OFFERS_PER_SCALE)
    neighbours = Territory.objects.portals().exclude(pk=territory.pk)
    territory.receives_offers_from.add(*neighbours)
    with connection.cursor() as cursor:
        cursor.execute(INDEX_SQL, {"epci": TERRITORY_EPCI, "rows": index_rows})
        # As autovacuum would soon do: statistics, and the visibility map that lets the
        # searches read some indexes without the table.
        cursor.execute("VACUUM ANALYZE directory_publishedoffer")
    with tenant_context(territory), connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE offers_offer")
    return territory


def searches(territory):
    """The measured searches: (text, commune) for 8 texts and 5 communes each."""
    communes = list(territory.communes.order_by("insee"))
    return [(text, commune) for index, text in enumerate(TEXTS) for commune in communes[index::8][:5]]


def criteria_for(text, commune) -> Criteria:
    return Criteria(text=text, latitude=commune.latitude, longitude=commune.longitude, radius_km=RADIUS_KM)


def run_search(territory, criteria) -> None:
    page, neighbours = search_page(criteria, territory, 1)
    list(page)
    list(neighbours)


def measure(territory, rounds: int = 1) -> list[float]:
    durations = []
    with tenant_context(territory):
        for _ in range(rounds):
            for text, commune in searches(territory):
                started = time.perf_counter()
                run_search(territory, criteria_for(text, commune))
                durations.append((time.perf_counter() - started) * 1000)
    return durations


def explain(territory) -> str:
    """EXPLAIN ANALYZE of the queries that choose the results of one search."""
    commune = territory.communes.get(insee="59663")  # Wormhout
    with tenant_context(territory):
        with CaptureQueriesContext(connection) as captured:
            run_search(territory, criteria_for("aide soignant", commune))
        plans = []
        for query in captured.captured_queries:
            sql = query["sql"].strip()
            if sql.startswith(("SELECT id", "SELECT nearest.id", "WITH candidate", "SELECT count(*)")):
                with connection.cursor() as cursor:
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                    plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return "\n\n".join(plans)


# The search page over HTTP.


def measure_http(territory, rounds: int = 2) -> dict[str, float]:
    pages = []
    for text, commune in searches(territory):
        postal_code = commune.postal_codes.split(" ")[0]
        query = {"commune": f"{commune.name} ({postal_code})", "rayon": RADIUS_KM, **({"q": text} if text else {})}
        pages.append("/offres/?" + urlencode(query))
    host = territory.domains.get(is_primary=True).domain  # onboarding's, if it came first
    port = free_port()
    server = serve(port, host)
    try:
        for path in pages:  # warm up: both workers' connections and the database's caches
            get(port, host, path)
        search_latencies, search_rps = load(port, host, pages, rounds)
        # Every request a new URL: the cost of a page rendered anew, as after a publication.
        run = uuid.uuid4().hex[:8]  # a cache kept from an earlier run must not answer either
        fresh = [f"{path}&n={run}-{n}" for n, path in enumerate(pages * rounds * 2)]
        half = len(fresh) // 2
        fresh_latencies, fresh_rps = load(port, host, fresh[:half], 1, concurrent_paths=fresh[half:])
        bare_latencies, bare_rps = load(port, host, ["/bench/bare/"] * len(pages), rounds)
        health_latencies, health_rps = load(port, host, ["/healthz"] * len(pages), rounds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "search_page_p95_ms": percentile(search_latencies, 0.95),
        "search_page_rps": search_rps,
        "search_page_uncached_p95_ms": percentile(fresh_latencies, 0.95),
        "search_page_uncached_rps": fresh_rps,
        "bare_view_p95_ms": percentile(bare_latencies, 0.95),
        "bare_view_rps": bare_rps,
        "healthz_p95_ms": percentile(health_latencies, 0.95),
        "healthz_rps": health_rps,
    }


def run(quick: bool):
    territory = build(quick)
    measure(territory)  # warm the caches
    durations = measure(territory)
    sql_p95 = percentile(durations, 0.95)
    print("EXPLAIN ANALYZE (aide soignant, 15 km of Wormhout):\n" + explain(territory), flush=True)
    http = measure_http(territory)

    def figure(name, value, unit, target=None):
        return {"name": name, "value": round(value, 1), "unit": unit, "target": target}

    return [
        figure("search_sql_p50_ms", statistics.median(durations), "ms"),
        figure("search_sql_p95_ms", sql_p95, "ms", 30),
        figure("search_page_p95_ms", http["search_page_p95_ms"], "ms", round(2 * sql_p95 + 15, 1)),
        figure("search_page_rps", http["search_page_rps"], "req/s", round(http["bare_view_rps"] / 2, 1)),
        figure("search_page_uncached_p95_ms", http["search_page_uncached_p95_ms"], "ms"),
        figure("search_page_uncached_rps", http["search_page_uncached_rps"], "req/s"),
        figure("bare_view_p95_ms", http["bare_view_p95_ms"], "ms"),
        figure("bare_view_rps", http["bare_view_rps"], "req/s"),
        figure("healthz_p95_ms", http["healthz_p95_ms"], "ms"),
        figure("healthz_rps", http["healthz_rps"], "req/s"),
    ]
