"""Loading of the reference data shipped in ``data/`` into the public schema.

Each file is streamed with COPY into a temporary table, then merged with one
``INSERT ... ON CONFLICT DO UPDATE`` that touches only rows whose values
changed: running it again changes nothing. Rows are never deleted, since
territories and offers point at communes and occupations.
"""

import csv
import gzip
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django_tenants.utils import schema_context

from shared_apps.referentials.models import Appellation, Commune, Epci, Occupation
from shared_apps.referentials.text import normalize

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class LoadResult:
    table: str
    inserted: int
    updated: int
    unchanged: int


def read_csv(name: str) -> list[dict[str, str]]:
    with gzip.open(DATA_DIR / f"{name}.csv.gz", "rt", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _merge(model, columns: list[str], rows: list[tuple]) -> LoadResult:
    table = model._meta.db_table
    key = model._meta.pk.column
    column_list = ", ".join(columns)
    updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in columns if column != key)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE staging (LIKE {table}) ON COMMIT DROP")
        with cursor.copy(f"COPY staging ({column_list}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        # Identifiers come from the models' metadata, never from input.
        merge = f"""
            WITH merged AS (
                INSERT INTO {table} ({column_list})
                SELECT {column_list} FROM staging
                ON CONFLICT ({key}) DO UPDATE SET {updates}
                WHERE ({", ".join(f"{table}.{c}" for c in columns)})
                    IS DISTINCT FROM ({", ".join(f"EXCLUDED.{c}" for c in columns)})
                RETURNING (xmax = 0) AS inserted
            )
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM merged
        """  # noqa: S608
        cursor.execute(merge)
        inserted, updated = cursor.fetchone()
        cursor.execute("DROP TABLE staging")
    return LoadResult(table, inserted, updated, len(rows) - inserted - updated)


def load_referentials() -> list[LoadResult]:
    """Load EPCIs, communes, ROME occupations and job titles; idempotent."""
    epcis = read_csv("epci")
    known_sirens = {row["siren"] for row in epcis}
    occupations = read_csv("rome")
    with schema_context("public"), transaction.atomic():
        return [
            _merge(
                Epci,
                ["siren", "name", "kind", "population", "members", "search_name"],
                [
                    (r["siren"], r["name"], r["kind"], int(r["population"]), int(r["members"]), normalize(r["name"]))
                    for r in epcis
                ],
            ),
            _merge(
                Commune,
                [
                    "insee",
                    "name",
                    "search_name",
                    "postal_codes",
                    "department",
                    "region",
                    "population",
                    "epci_id",
                    "latitude",
                    "longitude",
                ],
                [
                    (
                        r["insee"],
                        r["name"],
                        normalize(r["name"]),
                        r["postal_codes"],
                        r["department"],
                        r["region"],
                        int(r["population"] or 0),
                        r["epci_siren"] if r["epci_siren"] in known_sirens else None,
                        float(r["lat"]),
                        float(r["lon"]),
                    )
                    for r in read_csv("communes")
                    if r["lat"] and r["lon"]
                ],
            ),
            _merge(
                Occupation,
                ["code", "label", "search_label", "group_code", "group_label", "domain_code", "domain_label"],
                [
                    (
                        r["rome_code"],
                        r["rome_label"],
                        normalize(r["rome_label"]),
                        r["group_code"],
                        r["group_label"],
                        r["domain_code"],
                        r["domain_label"],
                    )
                    for r in occupations
                ],
            ),
            _merge(
                Appellation,
                ["code", "label", "search_label", "occupation_id"],
                [
                    (r["appellation_code"], r["label"], normalize(r["label"]), r["rome_code"])
                    for r in read_csv("rome_appellations")
                ],
            ),
        ]
