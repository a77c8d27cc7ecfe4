"""CVthèque search at scale: 50,000 visible candidates in one territory.

The territory is the search benchmark's (CC des Hauts de Flandre), given generated
candidates (four in five visible) until 50,000 are in the CVthèque. Each search
runs what the CVthèque page runs: the communes within 20 km, the page of 20 and
its capped count, for an occupation and (mostly) a keyword, around a commune.
"""

import statistics
import time

from django.db import connection
from django_tenants.utils import tenant_context

from platform.pagination import CappedPaginator
from tenant_apps.cvtheque.search import CandidateCriteria, search_candidates
from tenants.demo import populate_candidates
from tenants.models import Territory

TERRITORY_EPCI = "200040954"
VISIBLE = 50_000
RADIUS_KM = 20
SEARCHES = [("J1501", "accueil"), ("D1102", "equipe"), ("N1101", "caces"), ("G1602", "hygiene"), ("K2204", "")]


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def build(quick: bool) -> Territory:
    territory = Territory.objects.get(epci_siren=TERRITORY_EPCI)
    visible = VISIBLE // 10 if quick else VISIBLE
    with tenant_context(territory), connection.cursor() as cursor:
        populate_candidates(territory, round(visible / 0.8))
        cursor.execute("VACUUM ANALYZE candidates_candidate")
    return territory


def run_search(criteria) -> None:
    page = CappedPaginator(search_candidates(criteria).prefetch_related("occupations"), 20).get_page(1)
    list(page)
    page.paginator.count  # noqa: B018 - the count the page shows


def measure(territory) -> list[float]:
    communes = list(territory.communes.order_by("insee"))
    durations = []
    with tenant_context(territory):
        for occupation, text in SEARCHES:
            for commune in communes[::5]:
                criteria = CandidateCriteria(
                    occupation_code=occupation,
                    text=text,
                    latitude=commune.latitude,
                    longitude=commune.longitude,
                    radius_km=RADIUS_KM,
                )
                started = time.perf_counter()
                run_search(criteria)
                durations.append((time.perf_counter() - started) * 1000)
    return durations


def run(quick: bool):
    territory = build(quick)
    measure(territory)  # warm the caches
    durations = measure(territory)
    return [
        {"name": "cvtheque_sql_p50_ms", "value": round(statistics.median(durations), 1), "unit": "ms", "target": None},
        {"name": "cvtheque_sql_p95_ms", "value": round(_percentile(durations, 0.95), 1), "unit": "ms", "target": 50},
    ]
