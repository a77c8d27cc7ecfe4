"""Distances as the crow flies with PostgreSQL's cube/earthdistance (no PostGIS).

People and offers are placed at their commune's centre: a radius is resolved on
the communes first (``earth_box`` served by a GiST index, then ``earth_distance``
for the exact circle), and rows are then filtered by commune. In SQL built
here, table names come from a model's metadata and every value is a parameter.
"""

from django.db import connection
from django.db.models import FloatField
from django.db.models.expressions import RawSQL


def distance_km(table: str, latitude: float, longitude: float) -> RawSQL:
    return RawSQL(  # noqa: S611
        f"earth_distance(ll_to_earth(%s, %s), ll_to_earth({table}.latitude, {table}.longitude)) / 1000.0",
        (latitude, longitude),
        output_field=FloatField(),
    )


def communes_within(latitude: float, longitude: float, radius_km: float) -> dict[str, float]:
    """INSEE code → distance (km) of the communes whose centre lies within the radius.

    People and offers are placed at their commune's centre, so "within N km" is
    "in one of these communes": a filter on a plain column whose statistics the
    planner knows, where a radius on each row is a guess to it.
    """
    sql = (
        "SELECT insee, earth_distance(ll_to_earth(%s, %s), ll_to_earth(latitude, longitude)) / 1000.0 "
        "FROM referentials_commune "
        "WHERE earth_box(ll_to_earth(%s, %s), %s) @> ll_to_earth(latitude, longitude) "
        "AND earth_distance(ll_to_earth(%s, %s), ll_to_earth(latitude, longitude)) <= %s"
    )
    metres = radius_km * 1000.0
    with connection.cursor() as cursor:
        cursor.execute(sql, [latitude, longitude, latitude, longitude, metres, latitude, longitude, metres])
        return dict(cursor.fetchall())
