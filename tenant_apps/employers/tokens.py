"""Links sent by e-mail, bound to the territory they were made on.

Ids repeat from one territory's schema to another; every token carries the
schema name, so a link made on one portal is worthless on another.
"""

from django.core import signing
from django.db import connection

INVITATION_MAX_AGE = 14 * 24 * 3600


def invitation_token(invitation) -> str:
    return signing.dumps({"schema": connection.schema_name, "id": invitation.pk}, salt="employers.invitation")


def invitation_id(token: str) -> int | None:
    """The invitation id a token names, or None if it is forged, expired or of another territory."""
    try:
        data = signing.loads(token, salt="employers.invitation", max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    return data["id"] if data.get("schema") == connection.schema_name else None
