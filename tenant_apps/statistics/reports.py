"""What the dashboard and its CSV export show: the roll-up's figures month by month, read in one query."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from tenant_apps.statistics.enums import MONTHLY_METRICS, Metric
from tenant_apps.statistics.models import DailyFigure

# The charts, each a few metrics drawn side by side.
CHARTS = [
    (_("Offres publiées et besoins recueillis"), [Metric.OFFERS_PUBLISHED, Metric.NEEDS_COLLECTED]),
    (_("Candidatures"), [Metric.APPLICATIONS]),
    (_("Recrutements"), [Metric.HIRES, Metric.HIRES_THROUGH_PLATFORM]),
    (
        _("Candidats"),
        [Metric.ACTIVE_CANDIDATES, Metric.PROFILES_SELF_SERVICE, Metric.PROFILES_ASSISTED],
    ),
    (_("CVthèque"), [Metric.CVTHEQUE_SEARCHES, Metric.PROFILE_VIEWS]),
    (_("Offres sans candidature après 15 jours"), [Metric.OFFERS_WITHOUT_APPLICATION]),
    (_("Visites par appareil"), [Metric.VISITS_PHONE, Metric.VISITS_TABLET, Metric.VISITS_COMPUTER]),
]


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first day of each month from ``start``'s to ``end``'s."""
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


@dataclass
class Report:
    months: list[datetime.date]
    series: dict[str, list[int]]  # metric → one value per month

    def total(self, metric: str) -> int:
        """The period's total; for a monthly metric (active candidates), its average per month."""
        values = self.series[metric]
        if metric in MONTHLY_METRICS:
            return round(sum(values) / len(values)) if values else 0
        return sum(values)

    @property
    def totals(self) -> dict[str, int]:
        return {metric: self.total(metric) for metric in Metric.values}

    @property
    def platform_hire_share(self) -> float | None:
        """Percentage of the period's hires made through the platform; None without hires."""
        hires = self.total(Metric.HIRES)
        return 100 * self.total(Metric.HIRES_THROUGH_PLATFORM) / hires if hires else None

    def rows(self):
        """``(month, [value of each metric in Metric's order])`` per month, for the CSV."""
        for index, month in enumerate(self.months):
            yield month, [self.series[metric][index] for metric in Metric.values]


def report(start: datetime.date, end: datetime.date, commune=None) -> Report:
    figures = DailyFigure.objects.in_period(start, end, commune).by_month()
    months = months_between(start, end)
    series = {metric: [figures.get((month, metric), 0) for month in months] for metric in Metric.values}
    return Report(months=months, series=series)
