"""Job alerts: saved searches whose new offers are e-mailed, set-based and never twice.

A run, for one frequency, in one territory:

1. one statement matches every due alert with the offers published since its last run,
   with the search's French full text and distance (``MATCH_SQL``): alerts asking the
   same since the same moment are one search (100,000 alerts of the benchmark are 40,000
   searches), each distinct text is parsed once and tried on the new offers only, each
   distance measured once per alert commune and offer position, the searches joined to
   those hits and ranked, and only their newest matches joined back to the alerts, so
   that the work grows with the distinct searches and the new offers, not with alerts
   times offers. The ``LISTED`` newest matches of each alert go into ``AlertMatch``, whose
   unique constraint makes a retried or concurrent run add nothing; the others are only
   counted (``Alert.more_matches``). The alerts it took are locked (``SKIP LOCKED``: a
   concurrent run takes the others) and their watermark moves to the run's time;
2. per batch of alerts with unsent matches, one statement (``DIGESTS_SQL``, in its
   transaction) locks the alerts (``SKIP LOCKED`` again), marks their matches sent and
   writes one digest per alert to the outbox, with the offers it lists: a worker that
   dies mid-batch leaves that batch untouched (those before it are written), and the
   run that follows gives the untouched alerts their matches, the others only what is
   new. The worker that sends a digest composes it (``compose_digest``, see the outbox).

Why at most ``LISTED`` offers per e-mail, the rest counted with a link to the search
(measured by ``tests/bench/alerts.py``: 1,000 new offers, 10,000 alerts): a broad alert
(no words, 20 km) matches hundreds of them, 108 per alert on average; recording every
pair wrote a million rows in 45 s and the e-mails of 150 offers took 90 ms each, so
100,000 alerts needed hours. Nobody reads past the first offers of a digest, and mail
clients cut long ones (Gmail beyond 102 KB), unsubscribe links included. The count may
only overstate: a run that matches again after losing its watermark counts again what it
counted (the listed pairs, recorded, are not sent twice).
"""

from urllib.parse import urlencode

from django.core import signing
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from tenant_apps.alerts.models import Alert, AlertMatch, CandidateAlert, CandidateAlertMatch
from tenant_apps.candidates.models import Candidate
from tenant_apps.offers.enums import ContractType
from tenant_apps.offers.models import SEARCH_CONFIG, Offer
from tenant_apps.offers.search import with_distance_from
from tenant_apps.outbox.enums import MessageKind, MessageStatus
from tenant_apps.outbox.services import compose, composer, enqueue_on_commit, queue_mail

LISTED = 20  # offers an e-mail lists, the newest
BATCH_SIZE = 5_000  # alerts whose digests are written per transaction

MATCH_SQL = f"""
WITH locked AS (
    SELECT id, text, commune_id, radius_km, contract_types, working_time, without_car,
           coalesce(matched_until, confirmed_at) AS since
    FROM alerts_alert
    WHERE frequency = %(frequency)s AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL
    FOR UPDATE SKIP LOCKED
), due AS (
    -- alerts asking the same since the same moment are one search, matched once
    SELECT id, dense_rank() OVER (ORDER BY text, commune_id, radius_km, contract_types, working_time,
                                           without_car, since) AS search_id,
           text, commune_id, radius_km, contract_types, working_time, without_car, since
    FROM locked
), searches AS MATERIALIZED (
    SELECT DISTINCT ON (search_id) search_id, text, commune_id, radius_km, contract_types, working_time,
           without_car, since
    FROM due ORDER BY search_id
), fresh AS (
    SELECT id, search_vector, latitude, longitude, published_at, contract_type, working_time,
           reachable_without_car AND NOT vehicle_required AS without_car
    FROM offers_offer
    WHERE status = 'published' AND published_at <= %(now)s AND published_at > (SELECT min(since) FROM searches)
), text_hits AS MATERIALIZED (
    -- each distinct text is parsed once and tried on the fresh offers only (materialized:
    -- inlined, the planner tried each search's text on each offer, 20 million times)
    SELECT t.text, f.id AS offer_id
    FROM (SELECT DISTINCT text FROM searches WHERE text <> '') t
    JOIN fresh f ON f.search_vector @@ websearch_to_tsquery('{SEARCH_CONFIG}', t.text)
), distances AS MATERIALIZED (
    -- offers sit at their commune's centre, so there are a few hundred positions: each
    -- distance is measured once per alert commune and position, not per alert and offer
    -- (earth_distance costs ~15 µs a call, mostly ll_to_earth: each point is made once)
    SELECT here.commune_id, there.latitude, there.longitude, earth_distance(here.point, there.point) AS metres
    FROM (SELECT c.insee AS commune_id, ll_to_earth(c.latitude, c.longitude) AS point
          FROM referentials_commune c WHERE c.insee IN (SELECT commune_id FROM searches)) here
    CROSS JOIN (SELECT latitude, longitude, ll_to_earth(latitude, longitude) AS point
                FROM fresh GROUP BY latitude, longitude) there
), place_hits AS (
    SELECT p.commune_id, p.radius_km, f.id AS offer_id
    FROM (SELECT DISTINCT commune_id, radius_km FROM searches WHERE commune_id IS NOT NULL) p
    JOIN distances d ON d.commune_id = p.commune_id AND d.metres <= p.radius_km * 1000.0
    JOIN fresh f ON f.latitude = d.latitude AND f.longitude = d.longitude
), pairs AS (
    SELECT s.search_id, th.offer_id FROM searches s JOIN text_hits th ON th.text = s.text
    UNION ALL
    SELECT s.search_id, ph.offer_id FROM searches s
    JOIN place_hits ph ON ph.commune_id = s.commune_id AND ph.radius_km = s.radius_km
    WHERE s.text = ''
    UNION ALL
    SELECT s.search_id, f.id FROM searches s CROSS JOIN fresh f WHERE s.text = '' AND s.commune_id IS NULL
), matching AS (
    SELECT s.search_id, f.id AS offer_id,
           row_number() OVER (PARTITION BY s.search_id ORDER BY f.published_at DESC, f.id DESC) AS rank
    FROM pairs
    JOIN searches s ON s.search_id = pairs.search_id
    JOIN fresh f ON f.id = pairs.offer_id AND f.published_at > s.since
    WHERE (s.commune_id IS NULL OR s.text = '' OR EXISTS (
              SELECT 1 FROM place_hits ph
              WHERE ph.commune_id = s.commune_id AND ph.radius_km = s.radius_km AND ph.offer_id = f.id))
      AND (cardinality(s.contract_types) = 0 OR f.contract_type = ANY(s.contract_types))
      AND (s.working_time = '' OR f.working_time = s.working_time)
      AND (NOT s.without_car OR f.without_car)
), found AS (
    INSERT INTO alerts_alertmatch (alert_id, offer_id, created_at)
    SELECT due.id, matching.offer_id, %(now)s
    FROM matching JOIN due ON due.search_id = matching.search_id
    WHERE matching.rank <= %(listed)s
    ON CONFLICT (alert_id, offer_id) DO NOTHING
), more AS (
    SELECT search_id, count(*) AS n FROM matching WHERE rank > %(listed)s GROUP BY search_id
)
UPDATE alerts_alert a SET matched_until = %(now)s, more_matches = a.more_matches + coalesce(more.n, 0)
FROM due LEFT JOIN more ON more.search_id = due.search_id
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
            email=email,
            user=user,
            frequency=frequency,
            confirmed_at=timezone.now() if user else None,
            language=translation.get_language(),
            **criteria,
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


DIGESTS_SQL = """
WITH batch AS (
    SELECT id, email, unsubscribed_at, more_matches FROM alerts_alert
    WHERE id = ANY(%(alerts)s)
    FOR UPDATE SKIP LOCKED
), marked AS (
    UPDATE alerts_alertmatch m SET sent_at = %(now)s
    FROM batch WHERE m.alert_id = batch.id AND m.sent_at IS NULL
    RETURNING m.alert_id, m.offer_id
), counted AS (
    UPDATE alerts_alert a SET more_matches = 0 FROM batch WHERE a.id = batch.id AND batch.more_matches > 0
)
INSERT INTO outbox_outboxmessage ("to", subject, body, html_body, headers, kind, payload, status, attempts,
                                  last_error, created_at)
SELECT ARRAY[batch.email], '', '', '', '{}', %(kind)s,
       jsonb_build_object('alert', batch.id, 'offers', array_agg(marked.offer_id), 'more', batch.more_matches,
                          'base_url', %(base_url)s::text),
       %(pending)s, 0, '', now()
FROM marked JOIN batch ON batch.id = marked.alert_id
WHERE batch.unsubscribed_at IS NULL
GROUP BY batch.id, batch.email, batch.more_matches
RETURNING id
"""


def send_matches(*, base_url: str, now=None) -> int:
    """One digest per alert with unsent matches, written to the outbox for its worker to
    compose (``compose_digest``), BATCH_SIZE alerts per transaction; returns how many."""
    now = now or timezone.now()
    unsent = AlertMatch.objects.filter(sent_at__isnull=True).values("alert_id")
    pending = list(Alert.objects.filter(pk__in=unsent).order_by("pk").values_list("pk", flat=True))
    return sum(
        _queue_digests(pending[start : start + BATCH_SIZE], base_url, now)
        for start in range(0, len(pending), BATCH_SIZE)
    )


def _queue_digests(alert_ids: list[int], base_url: str, now) -> int:
    """In one transaction: lock the alerts (another worker skips them whole, so that two never
    split one alert's matches between two e-mails), mark their matches sent and write their
    digests; a worker that dies here leaves the batch as it was."""
    parameters = {
        "alerts": alert_ids,
        "now": now,
        "base_url": base_url,
        "kind": MessageKind.ALERT_DIGEST,
        "pending": MessageStatus.PENDING,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(DIGESTS_SQL, parameters)
        written = [message_id for (message_id,) in cursor.fetchall()]
        for message_id in written:
            enqueue_on_commit(message_id)
    return len(written)


@composer(MessageKind.ALERT_DIGEST)
def compose_digest(payload: dict) -> dict | None:
    """The digest as it is sent: the offers still online, newest first, with their distance
    from the alert's commune; nothing once the person unsubscribed or the offers are gone."""
    alert = Alert.objects.active().select_related("commune").filter(pk=payload["alert"]).first()
    if alert is None:
        return None
    with translation.override(alert.language):
        return _digest(alert, payload)


def _digest(alert: Alert, payload: dict) -> dict | None:
    offers = Offer.objects.published().select_related("employer", "commune").filter(pk__in=payload["offers"])
    if alert.commune_id:
        offers = with_distance_from(offers, alert.commune)
    offers = list(offers.order_by("-published_at", "-pk"))
    if not offers:
        return None
    base_url, more = payload["base_url"], payload["more"]
    contracts = dict(ContractType.choices)  # get_contract_type_display() hashes every choice, each call
    for offer in offers:
        offer.url = base_url + reverse("offers:detail", args=[offer.pk])
        offer.contract_label = contracts[offer.contract_type]
    key = token(alert)
    context = {
        "alert": alert,
        "summary": alert.summary,
        "offers": offers,
        "count": len(offers) + more,
        "more": more,
        "search_url": search_url(alert, base_url) if more else "",
        "territory": connection.tenant,
        "base_url": base_url,
        "manage_url": base_url + reverse("alerts:manage", args=[key]),
        "unsubscribe_url": base_url + reverse("alerts:unsubscribe", args=[key]),
    }
    return compose(
        "alerts/emails/new_offers.txt",
        context,
        html_template="alerts/emails/new_offers.html",
        headers=unsubscribe_headers(alert, base_url, key),
    )


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
