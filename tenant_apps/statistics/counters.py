"""Counters of what leaves no row to count (page views by device, CVthèque searches).

Each event is an INCR of a per-day key in the cache (Redis in production; the cache's key
function adds the territory's schema), never a database write on the request's path. The
periodic refresh moves them into the roll-up (``services.flush_counters``)."""

import datetime

from django.core.cache import cache
from django.utils import timezone

# A counter not flushed within this many days is lost: the hourly refresh flushes them long before.
COUNTER_DAYS = 7


def counter_key(day: datetime.date, metric: str) -> str:
    return f"statistics:{day.isoformat()}:{metric}"


def count(metric: str) -> None:
    """Add one to today's counter of ``metric`` in the current territory."""
    key = counter_key(timezone.localdate(), metric)
    try:
        cache.incr(key)
    except ValueError:  # the day's first event
        if not cache.add(key, 1, timeout=COUNTER_DAYS * 24 * 3600):
            cache.incr(key)  # another request created it in between
