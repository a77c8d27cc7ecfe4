"""The monthly roll-up follows the daily one, whatever writes it (triggers, set-based), and a
period is read from whole months and the days of its cut months."""

import datetime

import pytest
from django_tenants.utils import schema_context

from shared_apps.territory_figures.models import TerritoryDailyFigure, TerritoryMonthlyFigure
from tenant_apps.statistics.enums import Metric
from tests.oversight.factories import TerritoryRowFactory
from tests.statistics.factories import TerritoryDailyFigureFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 29)


def months(territory):
    return {
        (row.month.isoformat(), row.metric): row.value
        for row in TerritoryMonthlyFigure.objects.filter(territory=territory)
    }


def test_daily_rows_written_deleted_or_changed_move_their_month(territory, other_territory):
    TerritoryDailyFigure.objects.bulk_create(
        TerritoryDailyFigure(territory=territory, date=datetime.date(2026, 9, day), metric=Metric.HIRES, value=day)
        for day in range(1, 31)
    )
    TerritoryDailyFigureFactory(territory=territory, date=datetime.date(2026, 10, 2), metric=Metric.HIRES, value=5)
    TerritoryDailyFigureFactory(territory=other_territory, date=datetime.date(2026, 9, 2), value=7)

    assert months(territory) == {("2026-09-01", Metric.HIRES): sum(range(1, 31)), ("2026-10-01", Metric.HIRES): 5}

    # What statistics.services.publish_totals does: delete from a day, insert again.
    TerritoryDailyFigure.objects.filter(territory=territory, date__gte=datetime.date(2026, 9, 20)).delete()
    TerritoryDailyFigure.objects.filter(territory=territory, date=datetime.date(2026, 9, 1)).update(value=100)

    assert months(territory) == {("2026-09-01", Metric.HIRES): sum(range(2, 20)) + 100, ("2026-10-01", Metric.HIRES): 0}
    assert months(other_territory) == {("2026-09-01", Metric.APPLICATIONS): 7}


def test_a_deleted_territory_takes_its_figures_along(db):
    row = TerritoryRowFactory()
    TerritoryDailyFigureFactory(territory=row, value=3)

    with schema_context("public"):
        row.delete(force_drop=False)

    assert not TerritoryMonthlyFigure.objects.filter(territory_id=row.pk).exists()


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2026-09-01", "2026-10-31", {"2026-09-01": 30 + 1, "2026-10-01": 2 + 31}),  # whole months
        ("2026-09-15", "2026-10-31", {"2026-09-01": 1, "2026-10-01": 2 + 31}),  # cut at the start
        ("2026-09-01", "2026-10-15", {"2026-09-01": 30 + 1, "2026-10-01": 2}),  # cut at the end
        ("2026-09-01", "2026-12-31", {"2026-09-01": 31, "2026-10-01": 33}),  # past today: whole
    ],
)
def test_a_period_sums_whole_months_and_the_days_of_cut_months(territory, start, end, expected):
    for date, value in [("2026-09-01", 30), ("2026-09-30", 1), ("2026-10-02", 2), ("2026-10-31", 31)]:
        TerritoryDailyFigureFactory(territory=territory, date=datetime.date.fromisoformat(date), value=value)
    TerritoryDailyFigureFactory(territory=territory, date=datetime.date(2026, 9, 1), metric=Metric.ACTIVE_CANDIDATES)

    by_month, by_territory = TerritoryMonthlyFigure.objects.period_sums(
        [territory.pk], datetime.date.fromisoformat(start), datetime.date.fromisoformat(end), TODAY
    )

    applications = {month.isoformat(): total for (month, metric), total in by_month.items() if metric == "applications"}
    assert applications == {month: total for month, total in expected.items() if total}
    assert by_territory[(territory.pk, Metric.APPLICATIONS)] == sum(expected.values())
    assert by_territory[(territory.pk, Metric.ACTIVE_CANDIDATES)] == 1  # its month is touched
