"""Job alerts: saved searches whose new offers are e-mailed, set-based and never twice.

A run, for one frequency, in one territory:

1. one statement matches every due alert with the offers published since its last run,
   with the search's French full text and distance (``MATCH_SQL``): each distinct text
   is parsed once and tried on the new offers only, each distance measured once per
   alert commune and offer position, and the alerts joined to those hits, so that the
   work grows with the distinct searches and the new offers, not with alerts times
   offers. The ``LISTED`` newest matches of each alert go into ``AlertMatch``, whose
   unique constraint makes a retried or concurrent run add nothing; the others are only
   counted (``Alert.more_matches``). The alerts it took are locked (``SKIP LOCKED``: a
   concurrent run takes the others) and their watermark moves to the run's time;
2. per batch of alerts with unsent matches, one transaction locks the alerts (``SKIP
   LOCKED`` again), writes one e-mail per alert to the outbox and marks the matches
   sent: a worker that dies mid-batch leaves that batch untouched (those before it are
   sent), and the run that follows sends the untouched alerts their matches, the others
   only what is new.

Why at most ``LISTED`` offers per e-mail, the rest counted with a link to the search
(measured by ``tests/bench/alerts.py``: 1,000 new offers, 10,000 alerts): a broad alert
(no words, 20 km) matches hundreds of them, 108 per alert on average; recording every
pair wrote a million rows in 45 s and the e-mails of 150 offers took 90 ms each, so
100,000 alerts needed hours. Nobody reads past the first offers of a digest, and mail
clients cut long ones (Gmail beyond 102 KB), unsubscribe links included. The count may
only overstate: a run that matches again after losing its watermark counts again what it
counted (the listed pairs, recorded, are not sent twice).
"""

import math
from collections import defaultdict
from urllib.parse import urlencode

from django.core import signing
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from tenant_apps.alerts.models import Alert, AlertMatch, CandidateAlert, CandidateAlertMatch
from tenant_apps.candidates.models import Candidate
from tenant_apps.offers.models import SEARCH_CONFIG, Offer
from tenant_apps.outbox.services import queue_mail, queue_mails

LISTED = 20  # offers an e-mail lists, the newest
BATCH_SIZE = 500  # alerts e-mailed per transaction
EARTH_RADIUS_M = 6378168.0  # earthdistance's earth()

MATCH_SQL = f"""
WITH due AS (
    SELECT id, text, commune_id, radius_km, contract_types, working_time, without_car,
           coalesce(matched_until, confirmed_at) AS since
    FROM alerts_alert
    WHERE frequency = %(frequency)s AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL
    FOR UPDATE SKIP LOCKED
), fresh AS (
    SELECT id, search_vector, latitude, longitude, published_at, contract_type, working_time,
           reachable_without_car AND NOT vehicle_required AS without_car
    FROM offers_offer
    WHERE status = 'published' AND published_at <= %(now)s AND published_at > (SELECT min(since) FROM due)
), text_hits AS (
    -- each distinct text is parsed once and tried on the fresh offers only
    SELECT t.text, f.id AS offer_id
    FROM (SELECT DISTINCT text FROM due WHERE text <> '') t
    JOIN fresh f ON f.search_vector @@ websearch_to_tsquery('{SEARCH_CONFIG}', t.text)
), distances AS MATERIALIZED (
    -- offers sit at their commune's centre, so there are a few hundred positions: each
    -- distance is measured once per alert commune and position, not per alert and offer
    -- (earth_distance costs ~15 µs a call, mostly ll_to_earth: each point is made once)
    SELECT here.commune_id, there.latitude, there.longitude, earth_distance(here.point, there.point) AS metres
    FROM (SELECT c.insee AS commune_id, ll_to_earth(c.latitude, c.longitude) AS point
          FROM referentials_commune c WHERE c.insee IN (SELECT commune_id FROM due)) here
    CROSS JOIN (SELECT latitude, longitude, ll_to_earth(latitude, longitude) AS point
                FROM fresh GROUP BY latitude, longitude) there
), place_hits AS (
    SELECT p.commune_id, p.radius_km, f.id AS offer_id
    FROM (SELECT DISTINCT commune_id, radius_km FROM due WHERE commune_id IS NOT NULL) p
    JOIN distances d ON d.commune_id = p.commune_id AND d.metres <= p.radius_km * 1000.0
    JOIN fresh f ON f.latitude = d.latitude AND f.longitude = d.longitude
), pairs AS (
    SELECT due.id AS alert_id, th.offer_id FROM due JOIN text_hits th ON th.text = due.text
    UNION ALL
    SELECT due.id, ph.offer_id FROM due
    JOIN place_hits ph ON ph.commune_id = due.commune_id AND ph.radius_km = due.radius_km
    WHERE due.text = ''
    UNION ALL
    SELECT due.id, f.id FROM due CROSS JOIN fresh f WHERE due.text = '' AND due.commune_id IS NULL
), matching AS (
    SELECT due.id AS alert_id, f.id AS offer_id,
           row_number() OVER (PARTITION BY due.id ORDER BY f.published_at DESC, f.id DESC) AS rank
    FROM pairs
    JOIN due ON due.id = pairs.alert_id
    JOIN fresh f ON f.id = pairs.offer_id AND f.published_at > due.since
    WHERE (due.commune_id IS NULL OR due.text = '' OR EXISTS (
              SELECT 1 FROM place_hits ph
              WHERE ph.commune_id = due.commune_id AND ph.radius_km = due.radius_km AND ph.offer_id = f.id))
      AND (cardinality(due.contract_types) = 0 OR f.contract_type = ANY(due.contract_types))
      AND (due.working_time = '' OR f.working_time = due.working_time)
      AND (NOT due.without_car OR f.without_car)
), found AS (
    INSERT INTO alerts_alertmatch (alert_id, offer_id, created_at)
    SELECT alert_id, offer_id, %(now)s FROM matching WHERE rank <= %(listed)s
    ON CONFLICT (alert_id, offer_id) DO NOTHING
), more AS (
    SELECT alert_id, count(*) AS n FROM matching WHERE rank > %(listed)s GROUP BY alert_id
)
UPDATE alerts_alert a SET matched_until = %(now)s, more_matches = a.more_matches + coalesce(more.n, 0)
FROM due LEFT JOIN more ON more.alert_id = due.id
WHERE a.id = due.id
"""  # noqa: S608 (a constant)

SIGNING_SALT = "alerts.alert"  # separates these signatures from the others made with SECRET_KEY


def token(alert: Alert) -> str:
    """The alert's key in its links (manage, unsubscribe, confirm): bound to the territory, never expiring."""
    return signing.dumps({"schema": connection.schema_name, "id": alert.pk}, salt=SIGNING_SALT)


def alert_of(key: str) -> Alert | None:
    try:
        data = signing.loads(key, salt=SIGNING_SALT)
    except signing.BadSignature:
        return None
    if data.get("schema") != connection.schema_name:
        return None
    return Alert.objects.select_related("commune").filter(pk=data["id"]).first()


def create_alert(*, criteria: dict, email: str, frequency: str, user=None, base_url: str) -> Alert:
    """A candidate's own alert is active at once; a visitor's once they confirm their address."""
    with transaction.atomic():
        alert = Alert.objects.create(
            email=email, user=user, frequency=frequency, confirmed_at=timezone.now() if user else None, **criteria
        )
        if user is None:
            link = base_url + reverse("alerts:confirm", args=[token(alert)])
            queue_mail("alerts/emails/confirm.txt", [email], {"alert": alert, "link": link})
    return alert


def confirm(alert: Alert) -> None:
    Alert.objects.filter(pk=alert.pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now())


def unsubscribe(alert: Alert) -> None:
    Alert.objects.filter(pk=alert.pk, unsubscribed_at__isnull=True).update(unsubscribed_at=timezone.now())


# The planner cannot see into the CTEs (it guesses 5 new offers where there are 1,000, one
# place hit where there are 200,000) and chose nested loops over hundreds of millions of
# pairs; every join here is on equality, so hash joins, except where none can do (words,
# cross joins); their costs, so raised, would call in the JIT compiler (1 s). The pairs
# are sorted per alert for the newest: in memory.
MATCH_SETTINGS = "SET LOCAL enable_nestloop = off; SET LOCAL jit = off; SET LOCAL work_mem = '64MB'"


def match(frequency: str, now=None) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(MATCH_SETTINGS)
        cursor.execute(MATCH_SQL, {"frequency": frequency, "now": now or timezone.now(), "listed": LISTED})
        cursor.execute("RESET enable_nestloop; RESET jit; RESET work_mem")  # inside a caller's transaction too


def unsubscribe_headers(alert: Alert, base_url: str, key: str | None = None) -> dict:
    """RFC 2369 and RFC 8058: mail clients show an unsubscribe button that works in one click."""
    url = base_url + reverse("alerts:unsubscribe", args=[key or token(alert)])
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def search_url(alert: Alert, base_url: str) -> str:
    """The alert's search on the search page, for the matches an e-mail does not list."""
    query = {"q": alert.text, "contrat": alert.contract_types, "temps": alert.working_time}
    if alert.commune_id:
        query["commune"] = f"{alert.commune.name} ({alert.commune.postal_codes.split(' ')[0]})"
        query["rayon"] = alert.radius_km
    if alert.without_car:
        query["sans_voiture"] = "on"
    return base_url + reverse("offers:search") + "?" + urlencode({k: v for k, v in query.items() if v}, doseq=True)


def _earth_point(latitude: float, longitude: float) -> tuple[float, float, float]:
    lat, lon = math.radians(latitude), math.radians(longitude)
    return (
        EARTH_RADIUS_M * math.cos(lat) * math.cos(lon),
        EARTH_RADIUS_M * math.cos(lat) * math.sin(lon),
        EARTH_RADIUS_M * math.sin(lat),
    )


def _rounded_km(origin: tuple[float, float, float], offer: dict) -> int:
    """earthdistance's earth_distance() (the chord, then the arc) in whole km, in Python:
    the SQL function costs ~15 µs a call, and an e-mail shows up to LISTED distances."""
    chord = math.dist(origin, offer["point"])
    return math.floor(2 * EARTH_RADIUS_M * math.asin(min(1.0, chord / (2 * EARTH_RADIUS_M))) / 1000.0 + 0.5)


def send_matches(*, base_url: str, now=None) -> int:
    """One e-mail per alert with unsent matches, BATCH_SIZE alerts per transaction;
    returns how many were written."""
    now = now or timezone.now()
    # The alerts of a commune together: their e-mails list the same offers at the same
    # distances, whose lines are then rendered once (see _Lines).
    unsent = AlertMatch.objects.filter(sent_at__isnull=True).values("alert_id")
    pending = list(Alert.objects.filter(pk__in=unsent).order_by("commune_id", "pk").values_list("pk", flat=True))
    lines = _Lines(base_url)
    return sum(
        _send_batch(pending[start : start + BATCH_SIZE], lines, base_url, now)
        for start in range(0, len(pending), BATCH_SIZE)
    )


class _Lines:
    """What a run's e-mails show of each offer, computed once for the run: an offer is
    listed in thousands of e-mails. Loading it per batch cost 0.2 s a batch, the template's
    get_contract_type_display() 2 ms an e-mail (it hashes the choices, translating each
    label), and each template's loop over the offers ~0.5 ms an e-mail: an offer's lines
    (text and HTML) at a distance are rendered once."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.offers = {}  # id → what is shown, None once found offline
        self.rendered = {}
        self.at_km = gettext("à %(km)s km")

    def load(self, offer_ids) -> None:
        missing = set(offer_ids) - self.offers.keys()
        self.offers.update(dict.fromkeys(missing))
        for offer in Offer.objects.published().select_related("employer", "commune").filter(pk__in=missing):
            self.offers[offer.pk] = {
                "title": offer.title,
                "employer": offer.employer.name,
                "commune": offer.commune.name,
                "contract": offer.get_contract_type_display(),
                "url": self.base_url + reverse("offers:detail", args=[offer.pk]),
                "published_at": offer.published_at,
                "point": _earth_point(offer.latitude, offer.longitude),
            }

    def of(self, offer_id: int, origin) -> dict:
        offer = self.offers[offer_id]
        distance = origin and self.at_km % {"km": _rounded_km(origin, offer)}
        if (offer_id, distance) not in self.rendered:
            context = {"offer": offer, "distance": distance, "territory": connection.tenant}
            self.rendered[offer_id, distance] = {
                "text": render_to_string("alerts/emails/_offer.txt", context).strip("\n"),
                "html": render_to_string("alerts/emails/_offer.html", context),  # safe: stripping would lose that
            }
        return self.rendered[offer_id, distance]


def _send_batch(alert_ids: list[int], lines: _Lines, base_url: str, now) -> int:
    with transaction.atomic():
        # Locking the alerts, not their matches, so that two workers never split one
        # alert's matches between two e-mails: the other worker skips the whole alert.
        alerts = Alert.objects.select_for_update(skip_locked=True, of=("self",)).select_related("commune")
        alerts = {alert.pk: alert for alert in alerts.filter(pk__in=alert_ids)}
        unsent = AlertMatch.objects.filter(alert_id__in=alerts, sent_at__isnull=True)
        matches = list(unsent.values_list("pk", "alert_id", "offer_id"))
        if not matches:  # another worker had them
            return 0
        AlertMatch.objects.filter(pk__in=[pk for pk, _alert, _offer in matches]).update(sent_at=now)
        Alert.objects.filter(pk__in=alerts, more_matches__gt=0).update(more_matches=0)
        lines.load(offer for _pk, _alert, offer in matches)
        found = defaultdict(list)
        for _pk, alert_id, offer_id in matches:
            if lines.offers[offer_id]:  # still online
                found[alert_id].append((lines.offers[offer_id]["published_at"], offer_id))
        digests = []
        for alert_id, listed in found.items():
            alert = alerts[alert_id]
            if alert.unsubscribed_at:  # since the match
                continue
            origin = _earth_point(alert.commune.latitude, alert.commune.longitude) if alert.commune_id else None
            items = [lines.of(offer_id, origin) for _published_at, offer_id in sorted(listed, reverse=True)]
            key = token(alert)
            context = {
                "alert": alert,
                "summary": alert.summary,
                "items": items,
                "count": len(items) + alert.more_matches,
                "more": alert.more_matches,
                "search_url": search_url(alert, base_url) if alert.more_matches else "",
                "territory": connection.tenant,
                "base_url": base_url,
                "manage_url": base_url + reverse("alerts:manage", args=[key]),
                "unsubscribe_url": base_url + reverse("alerts:unsubscribe", args=[key]),
            }
            digests.append(([alert.email], context, unsubscribe_headers(alert, base_url, key)))
        return queue_mails("alerts/emails/new_offers.txt", digests, html_template="alerts/emails/new_offers.html")


def run(frequency: str, *, base_url: str, now=None) -> int:
    now = now or timezone.now()
    match(frequency, now)
    return send_matches(base_url=base_url, now=now)


CANDIDATE_MATCH_SQL = """
WITH due AS (
    SELECT a.id, a.created_at, coalesce(a.matched_until, a.created_at) AS since,
           o.occupation_id, o.latitude, o.longitude
    FROM alerts_candidatealert a
    JOIN offers_offer o ON o.id = a.offer_id AND o.status = 'published'
    FOR UPDATE OF a SKIP LOCKED
), found AS (
    INSERT INTO alerts_candidatealertmatch (alert_id, candidate_id, created_at)
    SELECT due.id, c.id, %(now)s
    FROM due
    JOIN candidates_candidate c ON c.cvtheque_visible
        AND c.cvtheque_consent_at > due.since AND c.cvtheque_consent_at <= %(now)s
        AND c.occupation_codes @> ARRAY[due.occupation_id]::varchar(5)[]
        AND earth_distance(ll_to_earth(c.latitude, c.longitude), ll_to_earth(due.latitude, due.longitude))
            <= c.max_travel_km * 1000.0
    ON CONFLICT (alert_id, candidate_id) DO NOTHING
)
UPDATE alerts_candidatealert SET matched_until = %(now)s WHERE id IN (SELECT id FROM due)
"""


def follow_candidates(offer, user) -> CandidateAlert:
    alert, _created = CandidateAlert.objects.get_or_create(offer=offer, user=user)
    return alert


def stop_following_candidates(offer, user) -> None:
    CandidateAlert.objects.filter(offer=offer, user=user).delete()


def run_candidate_alerts(*, base_url: str, now=None) -> int:
    """Daily: match offers' candidate alerts with the candidates newly visible, one e-mail per alert."""
    now = now or timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(CANDIDATE_MATCH_SQL, {"now": now})
    written = 0
    pending = CandidateAlertMatch.objects.filter(sent_at__isnull=True).values_list("alert_id", flat=True).distinct()
    for alert_id in pending:
        with transaction.atomic():
            matches = list(
                CandidateAlertMatch.objects.select_for_update(skip_locked=True).filter(
                    alert_id=alert_id, sent_at__isnull=True
                )
            )
            if not matches:
                continue
            CandidateAlertMatch.objects.filter(pk__in=[m.pk for m in matches]).update(sent_at=now)
            alert = CandidateAlert.objects.select_related("offer", "user").get(pk=alert_id)
            candidates = list(
                Candidate.objects.in_cvtheque()
                .select_related("user", "commune")
                .filter(pk__in=[m.candidate_id for m in matches])
            )
            if not candidates or not alert.user.is_active:
                continue
            context = {"alert": alert, "offer": alert.offer, "candidates": candidates, "base_url": base_url}
            queue_mail("alerts/emails/new_candidates.txt", [alert.user.email], context)
            written += 1
    return written
