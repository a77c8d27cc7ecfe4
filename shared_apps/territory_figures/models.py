from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from tenant_apps.statistics.enums import Metric


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
