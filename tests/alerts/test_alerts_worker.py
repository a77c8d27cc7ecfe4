"""A worker that dies while it e-mails the alerts, with the real broker and a real worker: the
task that runs again sends each alert only the offers it has not had, none twice."""

import datetime
import threading
from unittest import mock

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.utils import timezone

from platform.celery import app
from tenant_apps.alerts import services
from tenant_apps.alerts.models import Alert, AlertMatch
from tenant_apps.alerts.tasks import run_alerts
from tenant_apps.offers.models import Offer
from tenant_apps.outbox.models import OutboxMessage
from tenants.models import Territory
from tests.conftest import TERRITORY_EPCI
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.celery


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """Data the worker thread can see (committed), removed afterwards."""
    with django_db_blocker.unblock():
        territory = Territory.objects.prefetch_related("domains").get(epci_siren=TERRITORY_EPCI)
        with territory:
            yield territory
            OutboxMessage.objects.all().delete()
            Alert.objects.all().delete()
            for offer in OfferFactory._meta.model.objects.filter(title__startswith="Reprise"):
                offer.transitions.all().delete()
                offer.delete()


def run_alerts_in_worker(territory, timeout=10):
    """Send the daily run as beat does and wait until the worker is done with it, failed or not."""
    done = threading.Event()

    def finished(sender=None, **kwargs):
        if sender.name == run_alerts.name:
            done.set()

    task_postrun.connect(finished, weak=False)
    try:
        with territory:
            run_alerts.delay("daily")
        assert done.wait(timeout), "the worker did not run the alerts"
    finally:
        task_postrun.disconnect(finished)


def dying_after(count):
    """The outbox's hand-over to the broker at commit, until the worker dies (the exception
    stands for it) with e-mail ``count + 1`` written, its transaction not committed."""
    registered = []

    def enqueue_on_commit(message_id):
        if len(registered) == count:
            raise SystemError("worker lost")
        registered.append(message_id)
        real(message_id)

    real = services.enqueue_on_commit
    return enqueue_on_commit


def listed_titles(message) -> list[str]:
    """The offers a digest was written with (the worker composes its text when it sends it)."""
    return sorted(Offer.objects.filter(pk__in=message.payload["offers"]).values_list("title", flat=True))


def test_a_worker_dying_mid_batch_never_sends_an_offer_twice_to_an_alert(committed):
    started = timezone.now() - datetime.timedelta(hours=1)
    alerts = [Alert.objects.create(email=f"reprise{n}@x.org", confirmed_at=started) for n in range(6)]
    for n in range(3):
        OfferFactory(published=True, title=f"Reprise {n}")

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        # Batches of two alerts: the first is committed; the worker dies in the second with its
        # e-mails written and its matches marked sent, before the commit; the third is never reached.
        dying = mock.patch.object(services, "enqueue_on_commit", dying_after(3))
        with mock.patch.object(services, "BATCH_SIZE", 2), dying:
            run_alerts_in_worker(committed)
        sent_before = {m.alert_id for m in AlertMatch.objects.filter(alert__in=alerts, sent_at__isnull=False)}
        OfferFactory(published=True, title="Reprise 3")  # published before the task runs again
        run_alerts_in_worker(committed)  # redelivered (acks late), or the next run: the same

    assert sent_before == {alerts[0].pk, alerts[1].pk}  # the dying batch was rolled back whole
    pairs = list(AlertMatch.objects.filter(alert__in=alerts).values_list("alert_id", "offer__title"))
    assert len(pairs) == len(set(pairs)) == 6 * 4
    assert not AlertMatch.objects.filter(alert__in=alerts, sent_at__isnull=True).exists()
    received = {
        alert.email: [listed_titles(m) for m in OutboxMessage.objects.filter(to=[alert.email]).order_by("pk")]
        for alert in alerts
    }
    everything = ["Reprise 0", "Reprise 1", "Reprise 2", "Reprise 3"]
    assert received == {
        "reprise0@x.org": [everything[:3], ["Reprise 3"]],
        "reprise1@x.org": [everything[:3], ["Reprise 3"]],
        "reprise2@x.org": [everything],
        "reprise3@x.org": [everything],
        "reprise4@x.org": [everything],
        "reprise5@x.org": [everything],
    }
