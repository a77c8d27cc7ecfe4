"""The territory's statistics: a roll-up table (``DailyFigure``) refreshed by a periodic task,
which the dashboard and the CSV export read instead of counting every row per page view.

Definitions (per commune: the offer's workplace, or the candidate's home):
- offers published: offers by the day they were published (``published_at``), of which needs
  collected: those an advisor recorded for an employer (``OfferSource.ADVISOR``);
- applications: by the day they were sent, in the offer's commune;
- hires: by hiring date; *through the platform* when the person applied on the portal or was
  proposed by an advisor (``HireSource.PLATFORM``, ``ADVISOR``), not when recruited elsewhere;
- new profiles: by creation day, in assisted mode when an agent built them (``created_by``),
  in self-service otherwise;
- active candidates, per month: candidates who, that month, applied, or updated their profile
  (which includes creating it), or logged in. Only an account's last login and last update
  are kept, so a month's figure is exact while that month is refreshed; a later
  recomputation of a past month (``--days`` over it) can only count fewer;
- profile views by employers: CVthèque cards opened by recruiters;
- CVthèque searches: searches run (a first results page), counted in the cache;
- offers without application after 15 days: offers taking applications on the portal that had
  none 15 days after publication, on that fifteenth day;
- visits: HTML page views of the portal by kind of device (see ``devices``), counted in the cache.

Days are the territory's local days (``settings.TIME_ZONE``).
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from platform.periods import local_midnight
from shared_apps.territory_figures.models import TerritoryDailyFigure
from tenant_apps.accounts.enums import Role
from tenant_apps.applications.enums import HireSource
from tenant_apps.offers.enums import ApplicationMethod, OfferSource
from tenant_apps.statistics import counters
from tenant_apps.statistics.enums import COUNTER_METRICS, MONTHLY_METRICS, Metric
from tenant_apps.statistics.models import DailyFigure

UNANSWERED_AFTER_DAYS = 15
TABLE = DailyFigure._meta.db_table

# Each family is one statement: the counts of its source table grouped by day and commune.
# %(since)s is the first day recomputed, %(since_at)s the same day's local midnight.
OFFERS = f"""
INSERT INTO {TABLE} (date, commune_id, metric, value)
SELECT day, commune_id, v.metric, v.value FROM (
    SELECT (published_at AT TIME ZONE %(tz)s)::date AS day, commune_id,
           COUNT(*) AS published, COUNT(*) FILTER (WHERE source = %(advisor_source)s) AS needs
    FROM offers_offer WHERE published_at >= %(since_at)s GROUP BY 1, 2
) t CROSS JOIN LATERAL (VALUES (%(offers_published)s, published), (%(needs_collected)s, needs)) v(metric, value)
WHERE v.value > 0
"""  # noqa: S608 (constants)
APPLICATIONS = f"""
INSERT INTO {TABLE} (date, commune_id, metric, value)
SELECT (a.created_at AT TIME ZONE %(tz)s)::date, o.commune_id, %(applications)s, COUNT(*)
FROM applications_application a JOIN offers_offer o ON o.id = a.offer_id
WHERE a.created_at >= %(since_at)s GROUP BY 1, 2
"""  # noqa: S608
HIRES = f"""
INSERT INTO {TABLE} (date, commune_id, metric, value)
SELECT hired_on, commune_id, v.metric, v.value FROM (
    SELECT h.hired_on, o.commune_id, COUNT(*) AS hires,
           COUNT(*) FILTER (WHERE h.source = ANY(%(platform_sources)s)) AS through_platform
    FROM applications_hire h JOIN offers_offer o ON o.id = h.offer_id
    WHERE h.hired_on >= %(since)s GROUP BY 1, 2
) t CROSS JOIN LATERAL (VALUES (%(hires)s, hires), (%(hires_through_platform)s, through_platform)) v(metric, value)
WHERE v.value > 0
"""  # noqa: S608
PROFILES = f"""
INSERT INTO {TABLE} (date, commune_id, metric, value)
SELECT (created_at AT TIME ZONE %(tz)s)::date, commune_id,
       CASE WHEN created_by_id IS NULL THEN %(profiles_self_service)s ELSE %(profiles_assisted)s END, COUNT(*)
FROM candidates_candidate WHERE created_at >= %(since_at)s GROUP BY 1, 2, 3
"""  # noqa: S608
ACTIVE_CANDIDATES = f"""
INSERT INTO {TABLE} (date, commune_id, metric, value)
SELECT date_trunc('month', day)::date, commune_id, %(active_candidates)s, COUNT(DISTINCT id) FROM (
    SELECT id, commune_id, (updated_at AT TIME ZONE %(tz)s)::date AS day
    FROM candidates_candidate WHERE updated_at >= %(month_at)s
    UNION ALL
    SELECT c.id, c.commune_id, (u.last_login AT TIME ZONE %(tz)s)::date
    FROM candidates_candidate c JOIN accounts_user u ON u.id = c.user_id WHERE u.last_login >= %(month_at)s
    UNION ALL
    SELECT c.id, c.commune_id, (a.created_at AT TIME ZONE %(tz)s)::date
    FROM applications_application a JOIN candidates_candidate c ON c.id = a.candidate_id
    WHERE a.created_at >= %(month_at)s
) activity GROUP BY 1, 2
"""  # noqa: S608
PROFILE_VIEWS = f"""
INSERT INTO {TABLE} (date, commune_id, metric, value)
SELECT (v.at AT TIME ZONE %(tz)s)::date, c.commune_id, %(profile_views)s, COUNT(*)
FROM candidates_profileview v
JOIN candidates_candidate c ON c.id = v.candidate_id JOIN accounts_user u ON u.id = v.viewer_id
WHERE v.at >= %(since_at)s AND u.role = %(recruiter)s GROUP BY 1, 2
"""  # noqa: S608
UNANSWERED_OFFERS = f"""
INSERT INTO {TABLE} (date, commune_id, metric, value)
SELECT ((o.published_at AT TIME ZONE %(tz)s) + %(after)s)::date, o.commune_id, %(offers_without_application)s, COUNT(*)
FROM offers_offer o
WHERE o.published_at >= %(unanswered_since_at)s AND o.published_at + %(after)s <= now()
  AND o.application_method = %(platform_method)s
  AND NOT EXISTS (
      SELECT 1 FROM applications_application a WHERE a.offer_id = o.id AND a.created_at < o.published_at + %(after)s
  )
GROUP BY 1, 2
"""  # noqa: S608
RECOMPUTED = (OFFERS, APPLICATIONS, HIRES, PROFILES, ACTIVE_CANDIDATES, PROFILE_VIEWS, UNANSWERED_OFFERS)
ADD_COUNTS = f"""
INSERT INTO {TABLE} (date, commune_id, metric, value)
SELECT day, NULL, metric, value FROM unnest(%s::date[], %s::text[], %s::bigint[]) AS t(day, metric, value)
ON CONFLICT (date, commune_id, metric) DO UPDATE SET value = {TABLE}.value + EXCLUDED.value
"""  # noqa: S608


@transaction.atomic
def refresh(since: datetime.date, *, with_counters: bool = True) -> None:
    """Recompute the figures from ``since`` (and active candidates from its month's first day) to
    today, move the cache's counters in, and copy the territory's totals to the public schema.
    Idempotent: the recomputed rows are deleted and counted again in one transaction (a day whose
    count fell to zero must lose its row, which an upsert would leave), while counters are added
    once (``flush_counters``); ``with_counters=False`` leaves them in the cache (a dry run)."""
    month = since.replace(day=1)
    params = {
        "tz": settings.TIME_ZONE,
        "since": since,
        "since_at": local_midnight(since),
        "month_at": local_midnight(month),
        "unanswered_since_at": local_midnight(since - datetime.timedelta(days=UNANSWERED_AFTER_DAYS)),
        "after": datetime.timedelta(days=UNANSWERED_AFTER_DAYS),
        "advisor_source": OfferSource.ADVISOR,
        "platform_sources": [HireSource.PLATFORM, HireSource.ADVISOR],
        "platform_method": ApplicationMethod.PLATFORM,
        "recruiter": Role.RECRUITER,
        **{metric.name.lower(): metric.value for metric in Metric},  # %(applications)s etc.
    }
    with connection.cursor() as cursor:
        # One refresh at a time per territory (the hourly and the nightly runs may meet): a second
        # one waits for the first to commit, then reads the counters the first has emptied.
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"statistics:{connection.schema_name}"])
    DailyFigure.objects.filter(date__gte=since).exclude(metric__in=[*COUNTER_METRICS, *MONTHLY_METRICS]).delete()
    DailyFigure.objects.filter(date__gte=month, metric__in=MONTHLY_METRICS).delete()
    with connection.cursor() as cursor:
        for statement in RECOMPUTED:
            cursor.execute(statement, params)
    if with_counters:
        flush_counters()
    publish_totals(min(month, timezone.localdate() - datetime.timedelta(days=counters.COUNTER_DAYS)))


def flush_counters() -> None:
    """Add the cache's counters of the last days to the roll-up and take exactly what was added
    off them (DECR by the value read, the equivalent of GETDEL that keeps what is counted in
    between): nothing counted twice, nothing lost. Inside ``refresh``'s transaction, a failure
    of the cache rolls the addition back."""
    today = timezone.localdate()
    recent = [today - datetime.timedelta(days=age) for age in range(counters.COUNTER_DAYS)]
    keys = {counters.counter_key(day, metric): (day, metric) for day in recent for metric in COUNTER_METRICS}
    found = {key: value for key, value in cache.get_many(keys).items() if value}
    if not found:
        return
    days, metrics = zip(*(keys[key] for key in found), strict=True)
    with connection.cursor() as cursor:
        cursor.execute(ADD_COUNTS, [list(days), list(metrics), list(found.values())])
    for key, value in found.items():
        cache.decr(key, value)


def publish_totals(since: datetime.date) -> None:
    """Copy the territory's daily totals (all communes together) from ``since`` to the public
    schema's ``TerritoryDailyFigure``, replacing what was there."""
    public = f'"{get_public_schema_name()}"."{TerritoryDailyFigure._meta.db_table}"'
    territory_id = connection.tenant.pk
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {public} WHERE territory_id = %s AND date >= %s", [territory_id, since])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {public} (territory_id, date, metric, value) "  # noqa: S608
            f"SELECT %s, date, metric, SUM(value) FROM {TABLE} WHERE date >= %s GROUP BY date, metric",
            [territory_id, since],
        )
