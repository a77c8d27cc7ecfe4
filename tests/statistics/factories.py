import datetime

import factory
from django.db import connection

from shared_apps.territory_figures.models import TerritoryDailyFigure, TerritoryMonthlyFigure
from tenant_apps.statistics.enums import Metric
from tenant_apps.statistics.models import DailyFigure


class DailyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DailyFigure

    date = datetime.date(2026, 9, 1)
    metric = Metric.APPLICATIONS
    value = 1


class TerritoryDailyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TerritoryDailyFigure

    territory = factory.LazyFunction(lambda: connection.tenant)  # the active territory
    date = datetime.date(2026, 9, 1)
    metric = Metric.APPLICATIONS
    value = 1


class TerritoryMonthlyFigureFactory(factory.django.DjangoModelFactory):
    """Usually made by the triggers from TerritoryDailyFigure rows (territory_figures 0002)."""

    class Meta:
        model = TerritoryMonthlyFigure

    territory = factory.LazyFunction(lambda: connection.tenant)
    month = datetime.date(2026, 9, 1)
    metric = Metric.APPLICATIONS
    value = 1
