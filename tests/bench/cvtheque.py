"""CVthèque search at scale: 50,000 visible candidates in one territory.

The territory is the search benchmark's (CC des Hauts de Flandre), given generated
candidates (four in five visible) until 50,000 are in the CVthèque. Each search
runs what the CVthèque page runs: the communes within 20 km, the page of 20 and
its capped count, for an occupation and (mostly) a keyword, around a commune.
Then the same searches as pages, served by gunicorn to a logged-in recruiter.
"""

import statistics
import time
from urllib.parse import urlencode

from django.db import connection
from django_tenants.utils import tenant_context

from platform.pagination import CappedPaginator
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.cvtheque.search import CandidateCriteria, search_candidates
from tenants.demo import populate_candidates
from tenants.models import Territory
from tests.bench.harness import free_port, get, load, percentile, serve, session_cookie

TERRITORY_EPCI = "200040954"
VISIBLE = 50_000
RADIUS_KM = 20
SEARCHES = [("J1501", "accueil"), ("D1102", "equipe"), ("N1101", "caces"), ("G1602", "hygiene"), ("K2204", "")]


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


def searches(territory):
    communes = list(territory.communes.order_by("insee"))
    return [(occupation, text, commune) for occupation, text in SEARCHES for commune in communes[::5]]


def measure(territory) -> list[float]:
    durations = []
    with tenant_context(territory):
        for occupation, text, commune in searches(territory):
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


def measure_http(territory, rounds: int = 2) -> list[float]:
    """p95 of the CVthèque page for a recruiter, the same searches as the SQL's."""
    pages = []
    for occupation, text, commune in searches(territory):
        postal_code = commune.postal_codes.split(" ")[0]
        query = {"metier": occupation, "q": text, "commune": f"{commune.name} ({postal_code})", "rayon": RADIUS_KM}
        pages.append("/cvtheque/?" + urlencode(query))
    with tenant_context(territory):
        recruiter = User.objects.create_user("recruteur@bench.example.org", role=Role.RECRUITER)
    cookie = session_cookie(territory, recruiter)
    host = territory.domains.get(is_primary=True).domain
    port = free_port()
    server = serve(port, host)
    try:
        for path in pages:  # warm up
            get(port, host, path, cookie)
        latencies, _rps = load(port, host, pages, rounds, cookie)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return latencies


def run(quick: bool):
    territory = build(quick)
    measure(territory)  # warm the caches
    durations = measure(territory)
    pages = measure_http(territory)
    return [
        {"name": "cvtheque_sql_p50_ms", "value": round(statistics.median(durations), 1), "unit": "ms", "target": None},
        {"name": "cvtheque_sql_p95_ms", "value": round(percentile(durations, 0.95), 1), "unit": "ms", "target": 50},
        {"name": "cvtheque_page_p95_ms", "value": round(percentile(pages, 0.95), 1), "unit": "ms", "target": None},
    ]
