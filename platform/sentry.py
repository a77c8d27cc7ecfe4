"""Error reporting: sentry-sdk with the Django and Celery integrations.

Every event carries the territory schema it happened in, and no personal data:
no user, cookies, IP-bearing headers, request bodies (forms hold names and
e-mails), query strings (alert links hold e-mails) or local variables.
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
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "denylist", "terms": ["forwarded", "-ip", "remote-", "via", "-user"]}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "queues": False,
            "stack_frame_variables": False,
        },
        before_send=tag_territory,
        traces_sample_rate=0.0,
        **options,
    )
