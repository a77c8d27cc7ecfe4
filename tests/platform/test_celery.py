"""Tasks run in the territory they were sent from, through the real broker and worker.

The broker is the configured one: Redis when REDIS_URL is set (CI), the
file-system transport otherwise.
"""

import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection

from platform.celery import app
from tenants.models import Territory

pytestmark = pytest.mark.celery

seen = []


@app.task(bind=True)
def record_schema(self, token):
    seen.append((token, connection.schema_name))


def wait_for(token, count, timeout=20):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [schema for seen_token, schema in seen if seen_token == token]
        if len(found) >= count:
            return found
        time.sleep(0.05)
    raise AssertionError(f"{count} task(s) expected, {len(found)} ran")


def test_a_task_runs_in_the_schema_of_the_territory_that_sent_it(django_db_blocker):
    token = uuid.uuid4().hex
    with django_db_blocker.unblock():
        first, second = Territory.objects.portals().order_by("schema_name")[:2]
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            with first:
                record_schema.delay(token)
            with second:
                record_schema.delay(token)
            record_schema.delay(token)  # from the provider's context

            schemas = wait_for(token, 3)

    assert sorted(schemas) == sorted([first.schema_name, second.schema_name, "public"])
