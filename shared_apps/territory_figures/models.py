import datetime

from django.db import connection, models
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenant_apps.statistics.enums import MONTHLY_METRICS, Metric
from tenant_apps.statistics.reports import months_between


class TerritoryDailyFigureQuerySet(models.QuerySet):
    def totals(self, start, end):
        """``{(territory_id, metric): total}`` from ``start`` to ``end`` included, in one query.
        Monthly metrics (active candidates) are on their month's first day: a period that starts
        mid-month leaves that month out."""
        rows = (
            self.filter(date__range=(start, end))
            .values("territory_id", "metric")
            .annotate(total=Sum("value"))
            .order_by()
        )
        return {(row["territory_id"], row["metric"]): row["total"] for row in rows}


class TerritoryDailyFigure(models.Model):
    """A territory's figure of one day, all communes together: what the provider and the
    cross-territory admins compare, without entering each territory's schema. Written by each
    territory's statistics refresh (tenant_apps.statistics.services.refresh); no personal data."""

    territory = models.ForeignKey(
        "tenants.Territory", verbose_name=_("territoire"), on_delete=models.CASCADE, related_name="daily_figures"
    )
    date = models.DateField(_("jour"))
    metric = models.CharField(_("indicateur"), max_length=30, choices=Metric)
    value = models.BigIntegerField(_("valeur"))

    objects = TerritoryDailyFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("chiffre du jour d'un territoire")
        verbose_name_plural = _("chiffres du jour des territoires")
        ordering = ["-date", "territory", "metric"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "date", "metric"], name="one_figure_per_territory_day_metric")
        ]

    def __str__(self):
        return f"{self.territory} {self.date} {self.metric} = {self.value}"


def _month_end(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


# A period's rows: its whole months from the monthly roll-up, the days of its cut months from the
# daily one; monthly metrics (active candidates) from every month it touches, as on a territory's
# dashboard (statistics.DailyFigure.objects.in_period). {days} is one "date BETWEEN" per cut month.
PERIOD_ROWS = """
SELECT territory_id, month, metric, value FROM territory_figures_territorymonthlyfigure
WHERE territory_id = ANY(%(territories)s::bigint[]) AND month BETWEEN %(first_month)s AND %(last_month)s
  AND (month = ANY(%(whole)s::date[]) OR metric = ANY(%(monthly_metrics)s::text[]))
{cut_months}"""
CUT_MONTHS = """UNION ALL
SELECT territory_id, date_trunc('month', date::timestamp)::date, metric, value
FROM territory_figures_territorydailyfigure
WHERE territory_id = ANY(%(territories)s::bigint[]) AND NOT metric = ANY(%(monthly_metrics)s::text[]) AND ({days})
"""


class TerritoryMonthlyFigureQuerySet(models.QuerySet):
    def _period(self, territory_ids, start: datetime.date, end: datetime.date, today: datetime.date | None):
        """The SQL of a period's rows (territory_id, month, metric, value) and its parameters. A month is
        whole when the period holds all its days that can have figures (none after today)."""
        today = today or timezone.localdate()
        months = months_between(start, end)
        whole = [m for m in months if m >= start and (_month_end(m) <= end or end >= today)]
        cut = [(max(m, start), min(_month_end(m), end)) for m in months if m not in whole]
        params = {
            "territories": list(territory_ids),
            "first_month": months[0],
            "last_month": months[-1],
            "whole": whole,
            "monthly_metrics": list(MONTHLY_METRICS),
        }
        days = []
        for index, (first, last) in enumerate(cut):
            params[f"first_{index}"], params[f"last_{index}"] = first, last
            days.append(f"date BETWEEN %(first_{index})s AND %(last_{index})s")
        cut_months = CUT_MONTHS.format(days=" OR ".join(days)) if days else ""
        return PERIOD_ROWS.format(cut_months=cut_months), params

    def period_sums(self, territory_ids, start, end, today=None):
        """``({(month, metric): total}, {(territory_id, metric): total})``: month by month over all
        the territories, and each territory over the whole period, in one query (GROUPING SETS)."""
        rows, params = self._period(territory_ids, start, end, today)
        by_month, by_territory = {}, {}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT GROUPING(territory_id) = 1, territory_id, month, metric, SUM(value)::bigint "  # noqa: S608
                f"FROM ({rows}) AS figure GROUP BY GROUPING SETS ((month, metric), (territory_id, metric))",
                params,
            )
            for monthly, territory_id, month, metric, total in cursor.fetchall():
                if monthly:
                    by_month[(month, metric)] = total
                else:
                    by_territory[(territory_id, metric)] = total
        return by_month, by_territory

    def period_by_territory_and_month(self, territory_ids, start, end, today=None):
        """``(territory_id, month, [total of each metric in Metric's order])`` per territory and
        month with figures, ordered so, in one query: the CSV export's lines."""
        rows, params = self._period(territory_ids, start, end, today)
        columns = ", ".join(f"SUM(value) FILTER (WHERE metric = %(metric_{n})s)" for n in range(len(Metric.values)))
        params.update({f"metric_{n}": metric for n, metric in enumerate(Metric.values)})
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT territory_id, month, {columns} FROM ({rows}) AS figure "  # noqa: S608
                "GROUP BY territory_id, month ORDER BY territory_id, month",
                params,
            )
            for territory_id, month, *values in cursor.fetchall():
                yield territory_id, month, [value or 0 for value in values]


class TerritoryMonthlyFigure(models.Model):
    """A territory's figure of one month: the sum of its ``TerritoryDailyFigure`` rows of that month,
    kept by triggers on that table (migration 0002), so that a page over 200 territories and a year
    reads 33,600 rows, not a million. Written by no one else."""

    territory = models.ForeignKey(
        "tenants.Territory", verbose_name=_("territoire"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("mois"), help_text=_("Son premier jour."))
    metric = models.CharField(_("indicateur"), max_length=30, choices=Metric)
    value = models.BigIntegerField(_("valeur"))

    objects = TerritoryMonthlyFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("chiffre du mois d'un territoire")
        verbose_name_plural = _("chiffres du mois des territoires")
        ordering = ["-month", "territory", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "month", "metric"], name="one_figure_per_territory_month_metric"
            )
        ]

    def __str__(self):
        return f"{self.territory} {self.month:%Y-%m} {self.metric} = {self.value}"
