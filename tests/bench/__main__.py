"""``make bench``: build the data each benchmark needs, run it, print and save the figures.

Runs against its own database (``<name>_bench``, recreated each time) on the
server of DATABASE_URL (or the embedded one), never against the dev database.
Prints one ``name: value unit`` line per figure and writes them all to
``bench-results.json``. ``BENCH_QUICK=1`` runs smaller volumes (figure names
then carry the smaller size). ``python -m tests.bench alerts`` runs only the named
benchmarks, in that order.
"""

import json
import os
import sys
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def use_bench_database() -> None:
    import psycopg

    if not os.environ.get("DATABASE_URL"):
        from platform.embedded_db import database_url

        os.environ["DATABASE_URL"] = database_url()
    import dj_database_url

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    bench_name = f"{config['NAME']}_bench"
    params = {"user": config["USER"], "password": config["PASSWORD"] or None, "dbname": "postgres"}
    params["host"] = config["HOST"] or config.get("OPTIONS", {}).get("host")
    params["port"] = config["PORT"] or None
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{bench_name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{bench_name}"')
    os.environ["DATABASE_URL"] = os.environ["DATABASE_URL"].replace(f"/{config['NAME']}", f"/{bench_name}", 1)


def main() -> int:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    use_bench_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform.settings")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django

    django.setup()
    from tests.bench import alerts, crossterritory, cvtheque, onboarding, search

    quick = bool(os.environ.get("BENCH_QUICK"))
    figures = []
    # In this order: the CVthèque's candidates go into the search benchmark's territory.
    benchmarks = [onboarding, search, cvtheque, alerts, crossterritory]  # crossterritory last: rows without schemas
    if sys.argv[1:]:
        benchmarks = [import_module(f"tests.bench.{name}") for name in sys.argv[1:]]
    for benchmark in benchmarks:
        for figure in benchmark.run(quick=quick):
            print(f"{figure['name']}: {figure['value']} {figure['unit']}", flush=True)
            figures.append(figure)
    (ROOT / "bench-results.json").write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
