"""The alerts benchmark writes its alerts in raw SQL: a column the model gains must reach it
here, not on the day someone runs ``make bench``."""

from django.utils import timezone

from tenant_apps.alerts.models import Alert
from tests.bench.alerts import add_alerts


def test_the_benchmark_s_alerts_are_valid_alerts(territory):
    communes = list(territory.communes.order_by("insee").values_list("insee", flat=True)[:5])

    add_alerts(territory, 1, 200, timezone.now(), communes, communes)

    alerts = Alert.objects.all()
    assert alerts.count() == 200
    assert {alert.language for alert in alerts} == {"fr"}
    assert {alert.frequency for alert in alerts} == {"instant", "daily", "weekly"}
    for alert in alerts[:20]:
        alert.full_clean()  # as the model would have written it
