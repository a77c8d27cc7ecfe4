"""Keeping the shared index of published offers in step with each territory.

Run in the territory's schema (its search path reaches the public schema):
one INSERT ... SELECT copies the published offers among ``offer_ids``, one
DELETE removes those that are no longer published.
"""

from django.core.cache import caches
from django.db import connection, transaction

UPSERT = """
INSERT INTO public.directory_publishedoffer (
    territory_id, offer_id, title, employer_name, occupation_id, commune_id, latitude, longitude,
    contract_type, working_time, reachable_without_car, vehicle_required, published_at, expires_at,
    search_vector, search_text
)
SELECT %(territory)s, o.id, o.title, e.name, o.occupation_id, o.commune_id, o.latitude, o.longitude,
       o.contract_type, o.working_time, o.reachable_without_car, o.vehicle_required, o.published_at, o.expires_at,
       o.search_vector, o.search_text
FROM offers_offer o JOIN employers_employer e ON e.id = o.employer_id
WHERE o.id = ANY(%(ids)s) AND o.status = 'published'
ON CONFLICT (territory_id, offer_id) DO UPDATE SET
    title = EXCLUDED.title, employer_name = EXCLUDED.employer_name, occupation_id = EXCLUDED.occupation_id,
    commune_id = EXCLUDED.commune_id, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
    contract_type = EXCLUDED.contract_type, working_time = EXCLUDED.working_time,
    reachable_without_car = EXCLUDED.reachable_without_car, vehicle_required = EXCLUDED.vehicle_required,
    published_at = EXCLUDED.published_at, expires_at = EXCLUDED.expires_at,
    search_vector = EXCLUDED.search_vector, search_text = EXCLUDED.search_text
"""
GENERATION_KEY = "published-offers-generation"
DELETE_UNPUBLISHED = """
DELETE FROM public.directory_publishedoffer d
WHERE d.territory_id = %(territory)s AND d.offer_id = ANY(%(ids)s)
  AND NOT EXISTS (SELECT 1 FROM offers_offer o WHERE o.id = d.offer_id AND o.status = 'published')
"""


def sync_offers(offer_ids) -> None:
    """Copy to the shared index the current state of these offers of the active territory."""
    ids = list(offer_ids)
    if not ids:
        return
    params = {"territory": connection.tenant.pk, "ids": ids}
    with connection.cursor() as cursor:
        cursor.execute(UPSERT, params)
        cursor.execute(DELETE_UNPUBLISHED, params)
    transaction.on_commit(_bump_generation)


def index_generation() -> int:
    """A number that changes whenever the index does, for caches of search results (in the
    cache that every territory reads alike: its keys do not carry the schema)."""
    return caches["shared"].get(GENERATION_KEY, 0)


def _bump_generation() -> None:
    try:
        caches["shared"].incr(GENERATION_KEY)
    except ValueError:  # none yet, or evicted: any new value starts a new generation
        caches["shared"].set(GENERATION_KEY, 1, timeout=None)
