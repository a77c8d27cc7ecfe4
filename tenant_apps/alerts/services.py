"""Job alerts: saved searches whose new offers are e-mailed, set-based and never twice.

A run, for one frequency, in one territory:

1. one statement matches every due alert with the offers published since its last run,
   with the search's French full text and distance (``MATCH_SQL``): each distinct text
   is parsed once and tried on the new offers only, each distinct (commune, radius)
   measured once, and the alerts joined to those hits, so that the work grows with the
   distinct searches and the new offers, not with alerts times offers; each pair goes into
   ``AlertMatch``, whose unique constraint makes a retried or concurrent run add nothing;
   the alerts it took are locked (``SKIP LOCKED``: a concurrent run takes the others) and
   their watermark moves to the run's time;
2. per alert with unsent matches, one transaction locks them, writes one e-mail to the
   outbox and marks them sent: a worker that dies mid-batch leaves each alert either
   sent or untouched.
"""

from django.core import signing
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from shared_apps.referentials.geo import distance_km
from tenant_apps.alerts.models import Alert, AlertMatch, CandidateAlert, CandidateAlertMatch
from tenant_apps.candidates.models import Candidate
from tenant_apps.offers.models import SEARCH_CONFIG, Offer
from tenant_apps.outbox.services import queue_mail

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
), place_hits AS (
    -- each distinct (commune, radius) is measured once against the fresh offers
    SELECT p.commune_id, p.radius_km, f.id AS offer_id
    FROM (SELECT DISTINCT commune_id, radius_km FROM due WHERE commune_id IS NOT NULL) p
    JOIN referentials_commune c ON c.insee = p.commune_id
    JOIN fresh f ON earth_distance(ll_to_earth(c.latitude, c.longitude), ll_to_earth(f.latitude, f.longitude))
                    <= p.radius_km * 1000.0
), pairs AS (
    SELECT due.id AS alert_id, th.offer_id FROM due JOIN text_hits th ON th.text = due.text
    UNION ALL
    SELECT due.id, ph.offer_id FROM due
    JOIN place_hits ph ON ph.commune_id = due.commune_id AND ph.radius_km = due.radius_km
    WHERE due.text = ''
    UNION ALL
    SELECT due.id, f.id FROM due CROSS JOIN fresh f WHERE due.text = '' AND due.commune_id IS NULL
), found AS (
    INSERT INTO alerts_alertmatch (alert_id, offer_id, created_at)
    SELECT due.id, f.id, %(now)s
    FROM pairs
    JOIN due ON due.id = pairs.alert_id
    JOIN fresh f ON f.id = pairs.offer_id AND f.published_at > due.since
    WHERE (due.commune_id IS NULL OR EXISTS (
              SELECT 1 FROM place_hits ph
              WHERE ph.commune_id = due.commune_id AND ph.radius_km = due.radius_km AND ph.offer_id = f.id))
      AND (cardinality(due.contract_types) = 0 OR f.contract_type = ANY(due.contract_types))
      AND (due.working_time = '' OR f.working_time = due.working_time)
      AND (NOT due.without_car OR f.without_car)
    ON CONFLICT (alert_id, offer_id) DO NOTHING
)
UPDATE alerts_alert SET matched_until = %(now)s WHERE id IN (SELECT id FROM due)
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


def match(frequency: str, now=None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(MATCH_SQL, {"frequency": frequency, "now": now or timezone.now()})


def unsubscribe_headers(alert: Alert, base_url: str) -> dict:
    """RFC 2369 and RFC 8058: mail clients show an unsubscribe button that works in one click."""
    url = base_url + reverse("alerts:unsubscribe", args=[token(alert)])
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def send_matches(*, base_url: str, now=None) -> int:
    """One e-mail per alert with unsent matches; returns how many were written."""
    now = now or timezone.now()
    written = 0
    for alert_id in AlertMatch.objects.filter(sent_at__isnull=True).values_list("alert_id", flat=True).distinct():
        with transaction.atomic():
            matches = list(
                AlertMatch.objects.select_for_update(skip_locked=True).filter(alert_id=alert_id, sent_at__isnull=True)
            )
            if not matches:  # another worker has them
                continue
            AlertMatch.objects.filter(pk__in=[m.pk for m in matches]).update(sent_at=now)
            alert = Alert.objects.select_related("commune").get(pk=alert_id)
            offers = Offer.objects.published().with_relations().filter(pk__in=[m.offer_id for m in matches])
            if alert.commune_id:
                commune = alert.commune
                offers = offers.annotate(distance_km=distance_km("offers_offer", commune.latitude, commune.longitude))
            offers = list(offers.order_by("-published_at"))
            if not offers or alert.unsubscribed_at:  # offline or unsubscribed since the match
                continue
            key = token(alert)
            context = {
                "alert": alert,
                "offers": offers,
                "territory": connection.tenant,
                "base_url": base_url,
                "manage_url": base_url + reverse("alerts:manage", args=[key]),
                "unsubscribe_url": base_url + reverse("alerts:unsubscribe", args=[key]),
            }
            queue_mail(
                "alerts/emails/new_offers.txt",
                [alert.email],
                context,
                html_template="alerts/emails/new_offers.html",
                headers=unsubscribe_headers(alert, base_url),
            )
            written += 1
    return written


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
