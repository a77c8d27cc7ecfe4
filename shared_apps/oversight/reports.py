"""What a cross-territory admin reads: the territory dashboard's figures (tenant_apps.statistics),
summed over its territories and side by side per territory, from the public schema's roll-ups
only (``TerritoryDailyFigure`` and its monthly sums ``TerritoryMonthlyFigure``: no territory's
schema is ever read), and the published offers of its territories from the shared index
(``directory.PublishedOffer``)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F

from shared_apps.directory.models import PublishedOffer
from shared_apps.territory_figures.models import TerritoryMonthlyFigure
from tenant_apps.statistics.enums import MONTHLY_METRICS, Metric
from tenant_apps.statistics.reports import Report, months_between
from tenants.models import Territory


def period_total(metric: str, total: int, months: int) -> int:
    """A period's sum as the dashboard shows it: monthly metrics (active candidates) as their
    average per month (statistics.reports.Report.total)."""
    if metric in MONTHLY_METRICS:
        return round(total / months) if months else 0
    return total


@dataclass
class TerritoryFigures:
    territory: Territory
    totals: dict[str, int]  # metric → the period's figure

    @property
    def platform_hire_share(self) -> float | None:
        hires = self.totals[Metric.HIRES]
        return 100 * self.totals[Metric.HIRES_THROUGH_PLATFORM] / hires if hires else None

    @property
    def values(self) -> list[int]:
        return [self.totals[metric] for metric in Metric.values]


@dataclass
class OversightReport:
    overall: Report  # every territory together, month by month
    territories: list[TerritoryFigures]  # each territory's totals, by name


def report(territories: list[Territory], start: datetime.date, end: datetime.date) -> OversightReport:
    """One query for the whole page, whatever the number of territories."""
    months = months_between(start, end)
    by_month, by_territory = TerritoryMonthlyFigure.objects.period_sums([t.pk for t in territories], start, end)
    overall = Report(
        months=months,
        series={metric: [by_month.get((month, metric), 0) for month in months] for metric in Metric.values},
    )
    columns = [
        TerritoryFigures(
            territory,
            {
                metric: period_total(metric, by_territory.get((territory.pk, metric), 0), len(months))
                for metric in Metric.values
            },
        )
        for territory in territories
    ]
    return OversightReport(overall=overall, territories=columns)


def monthly_rows(territories: list[Territory], start: datetime.date, end: datetime.date):
    """``(territory, month, [value of each metric in Metric's order])`` per territory and month
    that has figures, for the CSV export."""
    names = {territory.pk: territory for territory in territories}
    for territory_id, month, values in TerritoryMonthlyFigure.objects.period_by_territory_and_month(
        list(names), start, end
    ):
        yield names[territory_id], month, values


def published_offers(territories: list[Territory]):
    """The published offers of these territories in the shared index, newest first."""
    return (
        PublishedOffer.objects.filter(territory__in=[t.pk for t in territories])
        .select_related("commune")
        .order_by("-published_at", "-pk")
    )


def offers_by_commune(territories: list[Territory]):
    """The map's points: each commune with published offers of these territories, and how many,
    counted in SQL."""
    return (
        PublishedOffer.objects.filter(territory__in=[t.pk for t in territories])
        .values("commune_id")
        .annotate(
            name=F("commune__name"),
            latitude=F("commune__latitude"),
            longitude=F("commune__longitude"),
            offers=Count("pk"),
        )
        .order_by("-offers", "commune_id")
    )
