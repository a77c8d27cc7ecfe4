"""The outbox with the real broker and a real worker: sent in the right territory, and
nothing lost while the broker is down."""

import time
from contextlib import contextmanager

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import connection, transaction
from django.test import Client

from platform.celery import app
from tenant_apps.accounts.models import User
from tenant_apps.outbox import services
from tenant_apps.outbox.enums import MessageStatus
from tenant_apps.outbox.models import OutboxMessage
from tenant_apps.outbox.tasks import relay_outbox
from tenants.models import Territory
from tests.conftest import TERRITORY_DOMAIN, TERRITORY_EPCI

pytestmark = pytest.mark.celery

DEAD_BROKER = "redis://127.0.0.1:1/0"  # nothing listens there


@pytest.fixture
def committed(django_db_blocker):
    """Data the worker thread can see (committed), removed afterwards."""
    with django_db_blocker.unblock():
        territory = Territory.objects.prefetch_related("domains").get(epci_siren=TERRITORY_EPCI)
        yield territory
        with territory:
            OutboxMessage.objects.all().delete()
            User.objects.filter(email__startswith="outbox-").delete()
        connection.set_schema_to_public()  # a request through the middleware leaves its territory set


@contextmanager
def broker(url):
    """Publish to ``url`` for a while (a new connection pool), then to the configured broker again."""
    configured = app.conf.broker_url
    app.conf.broker_url, app._pool = url, None
    try:
        yield
    finally:
        app.conf.broker_url, app._pool = configured, None


def wait_until_sent(territory, message_id, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with territory:
            if OutboxMessage.objects.filter(pk=message_id, status=MessageStatus.SENT).exists():
                return
        time.sleep(0.1)
    raise AssertionError(f"message {message_id} was not sent")


def test_the_worker_sends_a_message_in_the_territory_that_wrote_it(committed):
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        with committed, transaction.atomic():
            message = services.queue_mail(
                "candidates/emails/verify.txt", ["outbox-1@x.org"], {"user": {"first_name": "Léa"}, "link": "l"}
            )

        wait_until_sent(committed, message.pk)

    assert [m.subject for m in mail.outbox if m.to == ["outbox-1@x.org"]] == [message.subject]


def test_a_request_succeeds_while_the_broker_is_down_and_its_mail_goes_once_it_is_back(committed):
    password = "Soigner-a-Wormhout-59!"
    with broker(DEAD_BROKER):
        response = Client(HTTP_HOST=TERRITORY_DOMAIN).post(
            "/candidat/inscription/",
            {
                "first_name": "Léa",
                "last_name": "Dumoulin",
                "email": "outbox-2@x.org",
                "password1": password,
                "password2": password,
            },
        )
    assert response.status_code == 200 and "Vérifiez votre messagerie" in response.content.decode()
    with committed:
        waiting = OutboxMessage.objects.get(to=["outbox-2@x.org"])
        assert waiting.status == MessageStatus.PENDING  # written with the account, not sent
        # As the relay sees it a minute later.
        OutboxMessage.objects.filter(pk=waiting.pk).update(created_at=waiting.created_at - services.RELAY_DELAY)

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        with committed:
            relay_outbox.delay()
        wait_until_sent(committed, waiting.pk)

    assert [m.subject for m in mail.outbox if m.to == ["outbox-2@x.org"]] == [waiting.subject]
