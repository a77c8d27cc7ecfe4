from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from tenant_apps.statistics.enums import MONTHLY_METRICS, Metric


class DailyFigureQuerySet(models.QuerySet):
    def in_period(self, start, end, commune=None):
        """Daily rows of the period; monthly rows (their month's first day) of the months it touches."""
        figures = self.filter(
            Q(date__gte=start) | Q(metric__in=MONTHLY_METRICS, date__gte=start.replace(day=1)), date__lte=end
        )
        return figures.filter(commune=commune) if commune is not None else figures

    def by_month(self):
        """``{(month, metric): total}`` in one query."""
        rows = self.annotate(month=TruncMonth("date")).values("month", "metric").annotate(total=Sum("value"))
        return {(row["month"], row["metric"]): row["total"] for row in rows.order_by()}


class DailyFigure(models.Model):
    """One figure of one day in one commune: the roll-up the statistics pages read.

    Narrow (one row per metric) rather than one wide row per day and commune: each metric family
    is then one ``INSERT … SELECT … GROUP BY`` of its own source table, and a new metric needs no
    migration. ``commune`` is empty when the figure has none (visits, searches, candidates without a
    commune). Monthly metrics (``MONTHLY_METRICS``) are stored on their month's first day."""

    date = models.DateField(_("jour"))
    commune = models.ForeignKey(
        "referentials.Commune",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    metric = models.CharField(_("indicateur"), max_length=30, choices=Metric)
    value = models.BigIntegerField(_("valeur"))

    objects = DailyFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("chiffre du jour")
        verbose_name_plural = _("chiffres du jour")
        ordering = ["-date", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "commune", "metric"], name="one_figure_per_day_commune_metric", nulls_distinct=False
            )
        ]
        indexes = [models.Index(fields=["date", "metric"], name="daily_figure_date_metric")]

    def __str__(self):
        return f"{self.date} {self.commune_id or '-'} {self.metric} = {self.value}"
