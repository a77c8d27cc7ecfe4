"""The cross-territory admins' page at scale: one admin granted 200 territories.

What the page reads lives in the public schema only (the ``TerritoryDailyFigure`` roll-up and
the shared index of published offers), so the territories here are **rows without schemas**:
the bench's onboarded territories when earlier benchmarks made them, completed up to 200 with
``Territory`` rows inserted directly (no schema cloned: the page never enters one). Each gets
two years of daily figures for every metric (active candidates monthly), about 1.9 million rows
in set-based ``INSERT … SELECT``, and, unless the search benchmark filled the shared index,
500 published offers in its communes.

Then gunicorn (2 workers) serves ``/supervision/`` on the provider host to that admin (second
factor given): p95 of sequential requests over four periods (the default twelve months, 24 months,
3 months, a year ago), and the map's points (``/supervision/carte.json``). ``BENCH_QUICK=1`` keeps
the volumes (the figure is about 200 territories) and makes 5 rounds instead of 20. Run it alone with
``python -m tests.bench crossterritory``; it comes last in ``make bench``, since its rows without
schemas must not meet a later ``migrate_schemas``.
"""

import datetime
import time

from django.db import connection
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import get_public_schema_name, schema_context

from shared_apps.directory.models import PublishedOffer
from shared_apps.oversight.models import OversightGrant
from shared_apps.oversight.reports import report
from shared_apps.referentials.models import Epci
from shared_apps.territory_figures.models import TerritoryDailyFigure
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.statistics.enums import MONTHLY_METRICS, Metric
from tenant_apps.statistics.forms import default_period
from tenants.enums import TerritoryKind
from tenants.models import Territory
from tests.bench.harness import free_port, get, load, percentile, prepare_platform, serve, session_cookie

TERRITORIES = 200
DAYS = 2 * 365
OFFERS_PER_TERRITORY = 500
TARGET_PAGE_MS = 300
ROW_PREFIX = "bench_row_"

COMMUNES_SQL = """
INSERT INTO tenants_territory_communes (territory_id, commune_id)
SELECT t.id, c.insee FROM tenants_territory t JOIN referentials_commune c ON c.epci_id = t.epci_siren
WHERE t.schema_name LIKE %(prefix)s ON CONFLICT DO NOTHING
"""
FIGURES_SQL = """
INSERT INTO territory_figures_territorydailyfigure (territory_id, date, metric, value)
SELECT t.id, d::date, m.metric, 1 + (hashtext(t.id || m.metric || d::date) & 31)
FROM unnest(%(territories)s::bigint[]) AS t(id)
CROSS JOIN generate_series(%(first)s::date, %(last)s::date, interval '1 day') AS d
CROSS JOIN unnest(%(metrics)s::text[]) AS m(metric)
WHERE NOT (m.metric = ANY(%(monthly)s)) OR extract(day FROM d) = 1
ON CONFLICT DO NOTHING
"""
OFFERS_SQL = """
INSERT INTO directory_publishedoffer (
    territory_id, offer_id, title, employer_name, occupation_id, commune_id, latitude, longitude,
    contract_type, working_time, reachable_without_car, vehicle_required, published_at, expires_at,
    search_vector, search_text)
SELECT member.territory_id, 900000000 + n, 'Offre ' || n, 'Entreprise ' || n, 'J1501', c.insee, c.latitude, c.longitude,
       'cdi', 'full_time', false, false, now() - (n %% 30) * interval '1 day', now() + interval '30 days', NULL, ''
FROM unnest(%(territories)s::bigint[]) AS t(id)
CROSS JOIN generate_series(1, %(per_territory)s) AS g
CROSS JOIN LATERAL (SELECT t.id * 10000 + g AS n) AS numbered
JOIN LATERAL (
    SELECT territory_id, commune_id FROM tenants_territory_communes
    WHERE territory_id = t.id ORDER BY commune_id
    OFFSET g %% GREATEST(1, (SELECT count(*) FROM tenants_territory_communes WHERE territory_id = t.id)) LIMIT 1
) AS member ON true
JOIN referentials_commune c ON c.insee = member.commune_id
ON CONFLICT DO NOTHING
"""


def _territories() -> list[Territory]:
    """The bench's territories, completed with rows without schemas up to TERRITORIES."""
    present = list(Territory.objects.portals().order_by("pk")[:TERRITORIES])
    taken = set(Territory.objects.exclude(epci_siren=None).values_list("epci_siren", flat=True))
    free = [siren for siren in Epci.objects.order_by("siren").values_list("siren", flat=True) if siren not in taken]
    rows = [
        Territory(
            schema_name=f"{ROW_PREFIX}{siren}",
            kind=TerritoryKind.TERRITORY,
            name=f"Territoire {siren}",
            slug=f"bench-{siren}",
            epci_siren=siren,
        )
        for siren in free[: TERRITORIES - len(present)]
    ]
    Territory.objects.bulk_create(rows)  # no save(): no schema is created
    with connection.cursor() as cursor:
        cursor.execute(COMMUNES_SQL, {"prefix": f"{ROW_PREFIX}%"})
    return list(Territory.objects.portals().order_by("pk")[:TERRITORIES])


def build(quick: bool):
    prepare_platform()
    territories = _territories()
    ids = [territory.pk for territory in territories]
    last = timezone.localdate()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            FIGURES_SQL,
            {
                "territories": ids,
                "first": last - datetime.timedelta(days=DAYS - 1),
                "last": last,
                "metrics": Metric.values,
                "monthly": MONTHLY_METRICS,
            },
        )
        figures = TerritoryDailyFigure.objects.count()
        if not _enough_offers(ids):
            cursor.execute(OFFERS_SQL, {"territories": ids, "per_territory": OFFERS_PER_TERRITORY})
        cursor.execute("VACUUM ANALYZE territory_figures_territorydailyfigure")
        cursor.execute("VACUUM ANALYZE directory_publishedoffer")
    print(f"  crossterritory: {len(ids)} territories, {figures} daily figures, seeded in "
          f"{time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
    admin = User.objects.create_user("supervision@bench.example.org", role=Role.CROSS_TERRITORY_ADMIN)
    OversightGrant.objects.bulk_create(OversightGrant(user=admin, territory=territory) for territory in territories)
    device = TOTPDevice.objects.create(user=admin, name="bench", confirmed=True)
    return territories, admin, device


def _enough_offers(ids) -> bool:
    return PublishedOffer.objects.filter(territory__in=ids).count() >= len(ids) * OFFERS_PER_TERRITORY // 2


def periods() -> list[str]:
    start, end = default_period()
    year_ago = end - datetime.timedelta(days=365)
    return [
        "/supervision/",
        f"/supervision/?start={(end - datetime.timedelta(days=729)).replace(day=1)}&end={end}",
        f"/supervision/?start={(end - datetime.timedelta(days=80)).replace(day=1)}&end={end}",
        f"/supervision/?start={start - datetime.timedelta(days=365)}&end={year_ago}",
    ]


def measure_sql(territories, rounds: int) -> list[float]:
    start, end = default_period()
    durations = []
    for _round in range(rounds):
        started = time.perf_counter()
        report(territories, start, end)
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def measure_http(admin, device, rounds: int) -> tuple[list[float], list[float]]:
    provider = Territory.objects.get(schema_name=get_public_schema_name())
    host = provider.domains.get(is_primary=True).domain
    cookie = session_cookie(provider, admin, **{DEVICE_ID_SESSION_KEY: device.persistent_id})
    pages = periods()
    port = free_port()
    server = serve(port, host, ready_path="/healthz")
    try:
        for path in [*pages, "/supervision/carte.json"]:  # warm up
            get(port, host, path, cookie)
        latencies, _rps = load(port, host, pages, rounds, cookie)
        map_latencies, _rps = load(port, host, ["/supervision/carte.json"], rounds, cookie)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return latencies, map_latencies


def run(quick: bool):
    with schema_context(get_public_schema_name()):
        territories, admin, device = build(quick)
        rounds = 5 if quick else 20
        measure_sql(territories, 2)  # warm the caches
        sql = measure_sql(territories, rounds * 2)
        pages, map_pages = measure_http(admin, device, rounds)
    return [
        {"name": "crossterritory_sql_p95_ms", "value": round(percentile(sql, 0.95), 1), "unit": "ms", "target": None},
        {
            "name": "crossterritory_page_p95_ms",
            "value": round(percentile(pages, 0.95), 1),
            "unit": "ms",
            "target": TARGET_PAGE_MS,
        },
        {
            "name": "crossterritory_map_p95_ms",
            "value": round(percentile(map_pages, 0.95), 1),
            "unit": "ms",
            "target": None,
        },
    ]
