"""Error reporting: sentry-sdk with the Django and Celery integrations.

Every event carries the territory schema it happened in, and no personal data:
``send_default_pii=False`` keeps out cookies, user e-mails and IP addresses.
"""

import sentry_sdk
from django.db import connection
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration


def tag_territory(event, hint):
    event.setdefault("tags", {})["territory"] = getattr(connection, "schema_name", "public")
    return event


def init_sentry(dsn: str, **options) -> None:
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        before_send=tag_territory,
        traces_sample_rate=0.0,
        **options,
    )
