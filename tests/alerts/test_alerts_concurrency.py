"""Two alert runs at the same moment (two workers, two connections): each offer is e-mailed
to each alert once, whoever takes it."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from tenant_apps.alerts import services
from tenant_apps.alerts.models import Alert, AlertMatch
from tenant_apps.outbox.models import OutboxMessage
from tenants.models import Territory
from tests.conftest import TERRITORY_EPCI
from tests.offers.factories import OfferFactory


@pytest.fixture
def committed(django_db_blocker):
    with django_db_blocker.unblock():
        territory = Territory.objects.get(epci_siren=TERRITORY_EPCI)
        with territory:
            yield territory
            OutboxMessage.objects.all().delete()
            Alert.objects.all().delete()
            for offer in OfferFactory._meta.model.objects.filter(title__startswith="Concurrence"):
                offer.transitions.all().delete()
                offer.delete()


def test_concurrent_runs_send_each_offer_once_per_alert(committed):
    started = timezone.now() - datetime.timedelta(hours=1)
    alerts = [Alert.objects.create(email=f"a{n}@x.org", confirmed_at=started) for n in range(30)]
    for n in range(5):
        OfferFactory(published=True, title=f"Concurrence {n}")
    now = timezone.now()
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            with committed:
                barrier.wait()
                services.run("daily", base_url="http://test.localhost", now=now)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert AlertMatch.objects.filter(alert__in=alerts).count() == 30 * 5
    assert AlertMatch.objects.filter(alert__in=alerts, sent_at__isnull=True).count() == 0
    emails = sorted(alert.email for alert in alerts)
    written = OutboxMessage.objects.filter(to__overlap=emails)
    assert sorted(address for message in written for address in message.to) == emails  # one each, not two
