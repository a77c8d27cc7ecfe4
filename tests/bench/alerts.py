"""Job alerts at scale: 1,000 new offers against 10,000, 100,000 and 1,000,000 saved alerts.

The territory is the CA Coeur de Flandre (50 communes; not the search benchmark's, so
that its 100,000 offers do not count as new). Its offers are the demo generator's
(``populate``: local trades, texts, contracts, working times); 1,000 of the published
ones are made new (published in the 24 hours since the alerts' last run), one in five
moved to a neighbouring commune (within 30 km of the territory's centre), the others
made older than that run. The alerts are written in one ``INSERT … SELECT`` over
``generate_series``, each column drawn from the bytes of an md5 of the row number
(deterministic, and a larger size only adds rows): mostly daily, some instant and
weekly; three in four with words (occupations people type, some the territory's trades
never match), seven in ten around a commune (weighted by population, one in five a
neighbour) within 5 to 30 km, a third with contracts, a few with working time or
"without a car"; a few unconfirmed or unsubscribed.

The figure is one run of what the beat tasks run at 8:00 on a Monday, when the three
frequencies are due: ``alerts.services.run`` for each, that is the matching statement
then one digest per alert with new matches written to the outbox (the offers it lists)
with its ``send_message`` task registered for the commit. The Celery send itself is
replaced by a counter: this measures matching and enqueuing, not the broker (eager mode
would also *send* the 100,000 e-mails through the mail backend within the timing). What
the workers then do per digest (compose it, text and HTML, and hand it to the mail
backend, here Django's in-memory one) is measured apart on a sample of ``DELIVERED``
digests: ``alerts_deliver_ms_per_email``. Between
sizes the matches and e-mails are removed and every alert's last run set back. At
100,000 alerts, the matching statement's EXPLAIN ANALYZE (daily alerts, rolled back) is
printed first. ``BENCH_QUICK=1``: 10,000 alerts only.
"""

import datetime
import math
import re
import time
from contextlib import contextmanager
from unittest import mock

from django.core import mail
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared_apps.referentials.geo import communes_within
from tenant_apps.alerts import services
from tenant_apps.alerts.enums import Frequency
from tenant_apps.alerts.models import AlertMatch
from tenant_apps.outbox import services as outbox_services
from tenant_apps.outbox import tasks as outbox_tasks
from tenant_apps.outbox.models import OutboxMessage
from tenants.demo import OFFERS_PER_SCALE, populate
from tenants.services import onboard_territory
from tests.bench.harness import prepare_platform

TERRITORY_EPCI = "200040947"  # CA Coeur de Flandre
TERRITORY_DOMAIN = "alerts.bench.localhost"
NEW_OFFERS = 1_000
NEIGHBOURS_KM = 30
SIZES = [(10_000, "10k"), (100_000, "100k"), (1_000_000, "1m")]
TARGET_S = {"100k": 60}
EXPLAINED_AT = "100k"
DELIVERED = 500
# What people type, weighted by how often; some are trades the territory's offers never are.
TEXTS = {
    "aide soignant": 6, "aide-soignante": 3, "cariste": 5, "vendeuse": 5, "vendeur": 3, "boulanger": 4,
    "chauffeur poids lourd": 4, "cuisinier": 3, "commis de cuisine": 3, "serveur": 4, "aide a domicile": 5,
    "assistante de vie": 3, "agent de nettoyage": 4, "ménage": 3, "magasinier": 3, "préparateur de commandes": 3,
    "maçon": 2, "plombier": 2, "mécanicien": 3, "garagiste": 1, "horticulteur": 1, "soudeur": 2, "chaudronnier": 1,
    "secrétaire": 3, "comptable": 2, "employé de rayon": 2, "caissière": 3, "infirmier": 3, "électricien": 2,
    "assistante maternelle": 2, "développeur": 1, "manutentionnaire": 2, "livreur": 2, "agent de production": 2,
    "peintre en batiment": 1, "jardinier": 1, "boucher": 1, "accueil": 2, "logistique": 2, "conducteur": 2,
}  # fmt: skip
# Per row, 32 pseudo-random bytes: b(k) is the k-th as a fraction of 1, the same for a row
# number whatever the size, so that a larger size only adds alerts.
ALERTS_SQL = """
INSERT INTO alerts_alert (email, frequency, text, commune_id, radius_km, contract_types, working_time,
                          without_car, created_at, confirmed_at, unsubscribed_at, matched_until, more_matches,
                          language)
SELECT 'alerte' || g || '@bench.example.org',
       CASE WHEN b(0) < 0.15 THEN 'instant' WHEN b(0) < 0.75 THEN 'daily' ELSE 'weekly' END,
       CASE WHEN b(1) < 0.75 THEN (%(texts)s::text[])[1 + floor(b(2) * cardinality(%(texts)s::text[]))::int]
            ELSE '' END,
       CASE WHEN b(3) >= 0.7 THEN NULL
            WHEN b(4) < 0.8 THEN (%(members)s::text[])[1 + floor(b(5) * cardinality(%(members)s::text[]))::int]
            ELSE (%(neighbours)s::text[])[1 + floor(b(5) * cardinality(%(neighbours)s::text[]))::int] END,
       CASE WHEN b(3) >= 0.7 THEN NULL
            WHEN b(6) < 0.2 THEN 5 WHEN b(6) < 0.55 THEN 10 WHEN b(6) < 0.85 THEN 20 ELSE 30 END,
       (CASE WHEN b(7) < 0.2 THEN '{cdi}' WHEN b(7) < 0.3 THEN '{cdi,cdd}' WHEN b(7) < 0.35 THEN '{temporary}'
             WHEN b(7) < 0.38 THEN '{apprenticeship}' ELSE '{}' END)::varchar(30)[],
       CASE WHEN b(8) < 0.07 THEN 'part_time' WHEN b(8) < 0.12 THEN 'full_time' ELSE '' END,
       b(9) < 0.05,
       %(since)s - interval '90 days' * b(10),
       CASE WHEN b(11) >= 0.04 THEN %(since)s - interval '90 days' * b(10) END,
       CASE WHEN b(11) >= 0.04 AND b(11) < 0.07 THEN %(since)s - interval '1 day' END,
       %(since)s, 0, 'fr'
FROM (SELECT g, decode(md5(g::text), 'hex') || decode(md5('~' || g), 'hex') AS bytes
      FROM generate_series(%(first)s, %(last)s) g) s
"""
ALERTS_SQL = re.sub(r"\bb\((\d+)\)", r"(get_byte(bytes, \1) / 256.0)", ALERTS_SQL)
NEW_OFFERS_SQL = """
WITH published AS (
    SELECT id, row_number() OVER (ORDER BY id) AS n FROM offers_offer WHERE status = 'published'
), placed AS (
    SELECT p.id, p.n, c.insee, c.latitude, c.longitude,
           CASE WHEN p.n <= %(new)s THEN %(since)s + (%(now)s - %(since)s) * ((p.n * 7919) %% %(new)s + 0.5) / %(new)s
                ELSE %(since)s - interval '29 days' * ((p.n * 7919) %% 1000 + 0.5) / 1000 END AS published_at
    FROM published p
    LEFT JOIN referentials_commune c
           ON p.n <= %(new)s AND p.n %% 5 = 0 AND c.insee = (%(neighbours)s::text[])[1 + (p.n / 5) %% %(count)s]
)
UPDATE offers_offer o
SET published_at = placed.published_at, expires_at = placed.published_at + (o.expires_at - o.published_at),
    commune_id = coalesce(placed.insee, o.commune_id), latitude = coalesce(placed.latitude, o.latitude),
    longitude = coalesce(placed.longitude, o.longitude)
FROM placed WHERE o.id = placed.id
"""


def build(since, now):
    """The territory with its offers (1,000 of them new since ``since``) and its neighbours' communes."""
    prepare_platform()
    territory = onboard_territory(
        epci_siren=TERRITORY_EPCI, domain=TERRITORY_DOMAIN, admin_email="admin@alerts.bench.example.org"
    ).territory
    members = list(territory.communes.order_by("insee"))
    latitude = sum(commune.latitude for commune in members) / len(members)
    longitude = sum(commune.longitude for commune in members) / len(members)
    member_codes = {commune.insee for commune in members}
    neighbours = sorted(set(communes_within(latitude, longitude, NEIGHBOURS_KM)) - member_codes)
    with tenant_context(territory):
        # populate publishes about nine offers in ten; the surplus is made older.
        populate(territory, scale=math.ceil(NEW_OFFERS / OFFERS_PER_SCALE / 0.85))
        with connection.cursor() as cursor:
            cursor.execute(
                NEW_OFFERS_SQL,
                {"new": NEW_OFFERS, "since": since, "now": now, "neighbours": neighbours, "count": len(neighbours)},
            )
            cursor.execute("VACUUM ANALYZE offers_offer")
    # Alerts are placed where people live: a commune's weight is its population.
    weighted = [commune.insee for commune in members for _ in range(max(1, round(commune.population / 500)))]
    return territory, weighted, neighbours


def add_alerts(territory, first, last, since, members, neighbours):
    texts = [text for text, weight in TEXTS.items() for _ in range(weight)]
    with tenant_context(territory), connection.cursor() as cursor:
        parameters = {"texts": texts, "members": members, "neighbours": neighbours, "since": since}
        cursor.execute(ALERTS_SQL, {**parameters, "first": first, "last": last})


def reset(territory, since):
    """As before the run: no match, no e-mail, every alert last run at ``since``."""
    with tenant_context(territory), connection.cursor() as cursor:
        cursor.execute("TRUNCATE alerts_alertmatch, outbox_outboxmessage")
        cursor.execute("UPDATE alerts_alert SET matched_until = %s WHERE matched_until <> %s", [since, since])
        cursor.execute("VACUUM ANALYZE alerts_alert")


@contextmanager
def tasks_counted():
    """``send_message.delay`` counts instead of publishing (see the module's docstring)."""
    sent = []
    with mock.patch.object(outbox_tasks.send_message, "delay", side_effect=sent.append):
        yield sent


def run_all(territory, now) -> tuple[float, int]:
    """Seconds of the three frequencies' runs, and how many e-mails they wrote."""
    base_url = territory.portal_url().rstrip("/")
    with tenant_context(territory), tasks_counted() as sent:
        started = time.perf_counter()
        for frequency in Frequency.values:
            services.run(frequency, base_url=base_url, now=now)
        elapsed = time.perf_counter() - started
    return elapsed, len(sent)


def explain(territory, now) -> str:
    """EXPLAIN ANALYZE of the matching statement (daily alerts), rolled back."""
    with tenant_context(territory), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(services.MATCH_SETTINGS)
        cursor.execute(
            "EXPLAIN (ANALYZE, BUFFERS) " + services.MATCH_SQL,
            {"frequency": Frequency.DAILY, "now": now, "listed": services.LISTED},
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    return plan


def deliver_sample(territory) -> float:
    """Milliseconds a worker spends on a digest: composing and sending it (``send_message``)."""
    with tenant_context(territory):
        sample = list(OutboxMessage.objects.pending().order_by("pk").values_list("pk", flat=True)[:DELIVERED])
        started = time.perf_counter()
        for message_id in sample:
            outbox_services.deliver(message_id)
        elapsed = time.perf_counter() - started
        mail.outbox = []
    return 1000 * elapsed / len(sample)


def run(quick: bool, sizes=None):
    now = timezone.now()
    since = now - datetime.timedelta(hours=24)
    territory, members, neighbours = build(since, now)
    figures = []
    present = 0
    for size, label in sizes or (SIZES[:1] if quick else SIZES):
        started = time.perf_counter()
        add_alerts(territory, present + 1, size, since, members, neighbours)
        present = size
        reset(territory, since)
        print(f"alerts: {size:,} alerts written in {time.perf_counter() - started:.1f} s", flush=True)
        if label == EXPLAINED_AT:
            print(f"EXPLAIN ANALYZE (daily alerts, {label}):\n" + explain(territory, now), flush=True)
            reset(territory, since)
        elapsed, emails = run_all(territory, now)
        with tenant_context(territory):
            pairs = AlertMatch.objects.count()
        print(f"alerts: {size:,} alerts, {pairs:,} matches, {emails:,} e-mails in {elapsed:.1f} s", flush=True)
        name = f"alerts_match_s_at_{label}"
        figures.append({"name": name, "value": round(elapsed, 1), "unit": "s", "target": TARGET_S.get(label)})
        if present == SIZES[0][0]:
            per_email = deliver_sample(territory)
            figures.append({"name": "alerts_deliver_ms_per_email", "value": round(per_email, 1), "unit": "ms"})
    return figures
