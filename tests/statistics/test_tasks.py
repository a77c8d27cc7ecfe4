import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from tenant_apps.statistics import counters
from tenant_apps.statistics.enums import Metric
from tenant_apps.statistics.models import DailyFigure
from tenant_apps.statistics.tasks import refresh_statistics

pytestmark = pytest.mark.django_db


def test_the_refresh_runs_hourly_for_today_and_nightly_for_the_last_weeks_in_every_territory(settings):
    hourly, nightly = (settings.CELERY_BEAT_SCHEDULE[name] for name in ("statistics-hourly", "statistics-nightly"))

    assert hourly["task"] == nightly["task"] == "tenants.tasks.for_each_territory"
    assert hourly["args"] == ("tenant_apps.statistics.tasks.refresh_statistics", 0)
    assert nightly["args"] == ("tenant_apps.statistics.tasks.refresh_statistics", 35)


def test_the_task_refreshes_its_territory_from_days_ago(seeded):
    refresh_statistics.run(days=(timezone.localdate() - datetime.date(2026, 10, 1)).days)

    assert DailyFigure.objects.filter(metric=Metric.APPLICATIONS).count() == 2  # October's only


def test_the_command_is_a_dry_run_unless_told_and_leaves_the_counters(seeded, capsys):
    counters.count(Metric.VISITS_TABLET)
    days = str((timezone.localdate() - datetime.date(2026, 9, 1)).days)

    call_command("refresh_statistics", "--days", days)

    assert not DailyFigure.objects.exists()
    assert "Simulation" in capsys.readouterr().out
    assert cache.get(counters.counter_key(timezone.localdate(), Metric.VISITS_TABLET)) == 1

    call_command("refresh_statistics", "--days", days, "--wet-run")

    assert DailyFigure.objects.filter(metric=Metric.APPLICATIONS).count() == 3
    assert DailyFigure.objects.get(metric=Metric.VISITS_TABLET).value == 1
