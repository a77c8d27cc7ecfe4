import datetime

import pytest
from django.db.models import Sum
from django.utils import timezone

from shared_apps.territory_figures.models import TerritoryDailyFigure
from tenant_apps.applications.models import Application
from tenant_apps.statistics import counters, services
from tenant_apps.statistics.enums import Metric
from tenant_apps.statistics.models import DailyFigure
from tenant_apps.statistics.reports import report
from tests.statistics.factories import TerritoryDailyFigureFactory

pytestmark = pytest.mark.django_db

SEPTEMBER = datetime.date(2026, 9, 1)


def monthly(rows):
    totals = {}
    for figure in rows:
        key = (figure.metric, figure.commune_id, f"{figure.date:%Y-%m}")
        totals[key] = totals.get(key, 0) + figure.value
    return totals


def expected(wormhout, other):
    W, B = wormhout.insee, other.insee
    return {
        (Metric.OFFERS_PUBLISHED, W, "2026-09"): 2,
        (Metric.NEEDS_COLLECTED, W, "2026-09"): 1,
        (Metric.APPLICATIONS, W, "2026-09"): 1,
        (Metric.HIRES, W, "2026-09"): 1,
        (Metric.HIRES_THROUGH_PLATFORM, W, "2026-09"): 1,
        (Metric.PROFILES_SELF_SERVICE, W, "2026-09"): 1,
        (Metric.PROFILES_ASSISTED, W, "2026-09"): 1,
        (Metric.ACTIVE_CANDIDATES, W, "2026-09"): 2,
        (Metric.OFFERS_WITHOUT_APPLICATION, W, "2026-09"): 1,
        (Metric.APPLICATIONS, W, "2026-10"): 1,
        (Metric.HIRES, W, "2026-10"): 1,
        (Metric.HIRES_THROUGH_PLATFORM, W, "2026-10"): 1,
        (Metric.ACTIVE_CANDIDATES, W, "2026-10"): 2,
        (Metric.PROFILE_VIEWS, W, "2026-10"): 2,
        (Metric.OFFERS_PUBLISHED, B, "2026-10"): 2,
        (Metric.APPLICATIONS, B, "2026-10"): 1,
        (Metric.HIRES, B, "2026-10"): 1,
        (Metric.PROFILES_SELF_SERVICE, B, "2026-10"): 1,
        (Metric.ACTIVE_CANDIDATES, B, "2026-10"): 1,
        (Metric.PROFILE_VIEWS, B, "2026-10"): 1,
        (Metric.OFFERS_WITHOUT_APPLICATION, B, "2026-10"): 1,
        (Metric.PROFILES_SELF_SERVICE, None, "2026-10"): 1,
        (Metric.ACTIVE_CANDIDATES, None, "2026-10"): 1,
    }


def test_the_seeded_dataset_gives_the_expected_figures_per_metric_commune_and_month(seeded):
    services.refresh(SEPTEMBER)

    assert monthly(DailyFigure.objects.all()) == expected(*seeded)


def test_figures_fall_on_the_local_day_and_the_fifteenth_day(seeded):
    wormhout, other = seeded
    services.refresh(SEPTEMBER)

    days = dict(
        DailyFigure.objects.filter(commune=wormhout, metric=Metric.OFFERS_PUBLISHED).values_list("date", "value")
    )
    assert days == {datetime.date(2026, 9, 10): 2}  # 23:30 in Paris is still the 10th
    unanswered = DailyFigure.objects.filter(metric=Metric.OFFERS_WITHOUT_APPLICATION).order_by("date")
    assert [(figure.date, figure.commune) for figure in unanswered] == [
        (datetime.date(2026, 9, 25), wormhout),
        (datetime.date(2026, 10, 20), other),
    ]


def test_the_report_sums_the_months_and_gives_the_share_of_hires_through_the_platform(seeded):
    wormhout, _other = seeded
    services.refresh(SEPTEMBER)

    everywhere = report(SEPTEMBER, datetime.date(2026, 10, 31))
    assert everywhere.months == [SEPTEMBER, datetime.date(2026, 10, 1)]
    assert everywhere.series[Metric.APPLICATIONS] == [1, 2]
    assert everywhere.total(Metric.HIRES) == 3
    assert everywhere.platform_hire_share == pytest.approx(200 / 3)
    assert everywhere.series[Metric.ACTIVE_CANDIDATES] == [2, 4]
    assert everywhere.total(Metric.ACTIVE_CANDIDATES) == 3  # an average per month
    in_wormhout = report(SEPTEMBER, datetime.date(2026, 10, 31), wormhout)
    assert in_wormhout.total(Metric.OFFERS_PUBLISHED) == 2
    assert in_wormhout.platform_hire_share == 100
    only_october = report(datetime.date(2026, 10, 10), datetime.date(2026, 10, 31))
    assert only_october.total(Metric.APPLICATIONS) == 1  # the 2 October one is before the period
    assert only_october.total(Metric.ACTIVE_CANDIDATES) == 4  # monthly: the whole of October


def test_refreshing_twice_changes_nothing(seeded):
    counters.count(Metric.VISITS_PHONE)
    counters.count(Metric.VISITS_PHONE)
    services.refresh(SEPTEMBER)
    first = monthly(DailyFigure.objects.all())

    services.refresh(SEPTEMBER)

    assert monthly(DailyFigure.objects.all()) == first
    assert DailyFigure.objects.get(metric=Metric.VISITS_PHONE).value == 2


def test_a_day_whose_count_fell_to_zero_loses_its_figure(seeded):
    services.refresh(SEPTEMBER)
    Application.objects.filter(created_at__month=9).delete()

    services.refresh(SEPTEMBER)

    assert not DailyFigure.objects.filter(metric=Metric.APPLICATIONS, date__month=9).exists()


def test_days_before_the_refreshed_ones_are_kept(seeded):
    services.refresh(SEPTEMBER)
    Application.objects.all().delete()

    services.refresh(datetime.date(2026, 10, 1))

    assert DailyFigure.objects.filter(metric=Metric.APPLICATIONS).aggregate(total=Sum("value")) == {"total": 1}


def test_counters_are_added_once_and_keep_what_is_counted_after_the_flush(seeded):
    counters.count(Metric.CVTHEQUE_SEARCHES)
    services.refresh(SEPTEMBER)
    counters.count(Metric.CVTHEQUE_SEARCHES)
    services.refresh(SEPTEMBER)
    services.refresh(SEPTEMBER)

    assert DailyFigure.objects.get(metric=Metric.CVTHEQUE_SEARCHES).value == 2


def test_the_public_roll_up_matches_the_territory_s_figures(seeded, territory, other_territory):
    counters.count(Metric.VISITS_COMPUTER)
    services.refresh(SEPTEMBER)
    period = (SEPTEMBER, timezone.localdate())

    totals = TerritoryDailyFigure.objects.totals(*period)

    for metric in Metric.values:
        tenant_total = DailyFigure.objects.filter(metric=metric).aggregate(total=Sum("value"))["total"]
        assert totals.get((territory.pk, metric)) == tenant_total, metric
    assert totals[(territory.pk, Metric.APPLICATIONS)] == 3
    assert not any(territory_id == other_territory.pk for territory_id, _metric in totals)


def test_one_territory_s_refresh_leaves_the_other_s_public_figures(seeded, territory, other_territory):
    with other_territory:
        services.refresh(SEPTEMBER)
    services.refresh(SEPTEMBER)

    assert TerritoryDailyFigure.objects.filter(territory=territory).exists()
    assert not TerritoryDailyFigure.objects.filter(territory=other_territory).exists()
    with other_territory:
        assert not DailyFigure.objects.exists()


def test_public_totals_sum_each_territory_s_days_within_the_period(territory, other_territory):
    for on, day, value in [(territory, 1, 2), (territory, 30, 3), (other_territory, 15, 7)]:
        TerritoryDailyFigureFactory(territory=on, date=datetime.date(2026, 9, day), value=value)
    TerritoryDailyFigureFactory(territory=territory, date=datetime.date(2026, 10, 1), value=100)

    totals = TerritoryDailyFigure.objects.totals(SEPTEMBER, datetime.date(2026, 9, 30))

    assert totals == {(territory.pk, Metric.APPLICATIONS): 5, (other_territory.pk, Metric.APPLICATIONS): 7}
