"""Onboarding time with 1 and with many territories present, and a no-op migration.

Each measured onboarding is undone before the next one (schema dropped), so
that the number of territories present is the one the figure names.
"""

import statistics
import subprocess
import sys
import time

from django.conf import settings

from shared_apps.referentials.models import Epci
from tenants.models import Territory
from tenants.services import onboard_territory
from tests.bench.harness import prepare_platform

TARGET_ONBOARD_S = 2.0
SAMPLES = 5


def _onboard(epci: Epci):
    return onboard_territory(
        epci_siren=epci.siren, domain=f"t{epci.siren}.bench.localhost", admin_email=f"admin@{epci.siren}.example.org"
    )


def _median_onboarding_seconds(candidates: list[Epci]) -> float:
    durations = []
    for epci in candidates:
        started = time.perf_counter()
        territory = _onboard(epci).territory
        durations.append(time.perf_counter() - started)
        territory.delete(force_drop=True)
    return round(statistics.median(durations), 3)


def _grow_to(count: int, epcis: list[Epci]) -> None:
    present = Territory.objects.portals().count()
    for epci in epcis[present:count]:
        _onboard(epci)


def run(quick: bool):
    many = 20 if quick else 200
    prepare_platform()
    epcis = list(Epci.objects.order_by("siren"))
    spare = epcis[-SAMPLES:]  # measured, then removed

    _grow_to(1, epcis)
    at_one = _median_onboarding_seconds(spare)
    _grow_to(many, epcis)
    at_many = _median_onboarding_seconds(spare)

    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "migrate_schemas", "--executor=multiprocessing", "--verbosity=0"],
        cwd=settings.BASE_DIR,
        check=True,
    )
    migrate_noop = round(time.perf_counter() - started, 2)

    return [
        {"name": "onboard_median_s_at_1", "value": at_one, "unit": "s", "target": TARGET_ONBOARD_S},
        {"name": f"onboard_median_s_at_{many}", "value": at_many, "unit": "s", "target": TARGET_ONBOARD_S},
        {"name": f"migrate_noop_s_at_{many}", "value": migrate_noop, "unit": "s", "target": None},
    ]
