"""The cross-territory admin's page: its territories' figures summed and side by side, month by
month charts with their tables, the CSV exports and the map's points; granted territories only."""

import csv
import datetime
import io
from html import unescape

import pytest
from django_tenants.utils import schema_context

from shared_apps.referentials.models import Commune
from tenant_apps.statistics.enums import Metric
from tests.oversight.factories import OversightGrantFactory, PublishedOfferFactory, TerritoryRowFactory
from tests.statistics.factories import TerritoryDailyFigureFactory

URL = "/supervision/"
EXPORT = "/supervision/export.csv"
OFFERS = "/supervision/offres.csv"
MAP = "/supervision/carte.json"
PERIOD = {"start": "2026-09-01", "end": "2026-10-31"}


def day(month: int, number: int) -> datetime.date:
    return datetime.date(2026, month, number)


@pytest.fixture
def third_territory(db):
    """A territory of the Pas-de-Calais (its public row only)."""
    arras = Commune.objects.get(insee="62041")
    return TerritoryRowFactory(name="CU d'Arras", epci_siren=arras.epci_id, communes=[arras])


@pytest.fixture
def seeded(territory, other_territory, third_territory):
    """Figures of three territories, in and out of the period (September and October 2026)."""
    figures = [
        # The CC des Hauts de Flandre
        (territory, day(9, 3), Metric.OFFERS_PUBLISHED, 3),
        (territory, day(10, 10), Metric.OFFERS_PUBLISHED, 4),
        (territory, day(9, 5), Metric.HIRES, 2),
        (territory, day(9, 5), Metric.HIRES_THROUGH_PLATFORM, 1),
        (territory, day(9, 1), Metric.ACTIVE_CANDIDATES, 10),
        (territory, day(10, 1), Metric.ACTIVE_CANDIDATES, 20),
        (territory, day(8, 31), Metric.APPLICATIONS, 100),  # before the period
        (territory, day(11, 1), Metric.APPLICATIONS, 100),  # after it
        # The CA Coeur de Flandre
        (other_territory, day(9, 20), Metric.OFFERS_PUBLISHED, 5),
        (other_territory, day(10, 2), Metric.APPLICATIONS, 7),
        (other_territory, day(9, 1), Metric.ACTIVE_CANDIDATES, 6),
        (other_territory, day(10, 31), Metric.HIRES, 1),
        (other_territory, day(10, 31), Metric.HIRES_THROUGH_PLATFORM, 1),
        # Arras
        (third_territory, day(9, 9), Metric.OFFERS_PUBLISHED, 1000),
        (third_territory, day(9, 9), Metric.APPLICATIONS, 1000),
        (third_territory, day(9, 1), Metric.ACTIVE_CANDIDATES, 1000),
    ]
    for owner, date, metric, value in figures:
        TerritoryDailyFigureFactory(territory=owner, date=date, metric=metric, value=value)


def grant(user, *territories):
    with schema_context("public"):
        for territory in territories:
            OversightGrantFactory(user=user, territory=territory)


def test_the_figures_are_summed_over_the_granted_territories(
    supervision, supervisor, territory, other_territory, third_territory, seeded
):
    grant(supervisor, territory, other_territory, third_territory)

    response = supervision.get(URL, PERIOD)

    assert response.status_code == 200
    report = response.context["report"]
    assert report.series[Metric.OFFERS_PUBLISHED] == [3 + 5 + 1000, 4]
    assert report.series[Metric.APPLICATIONS] == [1000, 7]
    assert report.series[Metric.ACTIVE_CANDIDATES] == [10 + 6 + 1000, 20]
    assert report.total(Metric.OFFERS_PUBLISHED) == 1012
    assert report.total(Metric.HIRES) == 3
    assert report.total(Metric.ACTIVE_CANDIDATES) == 518  # (1016 + 20) / 2 months
    assert report.platform_hire_share == pytest.approx(200 / 3)


def test_each_territory_has_its_own_column_of_figures(
    supervision, supervisor, territory, other_territory, third_territory, seeded
):
    grant(supervisor, territory, other_territory, third_territory)

    response = supervision.get(URL, PERIOD)

    rows = {row.territory.name: row for row in response.context["by_territory"]}
    assert list(rows) == ["CA Coeur de Flandre", "CC des Hauts de Flandre", "CU d'Arras"]
    hauts = rows["CC des Hauts de Flandre"].totals
    assert hauts[Metric.OFFERS_PUBLISHED] == 7
    assert hauts[Metric.APPLICATIONS] == 0  # the hundreds are out of the period
    assert hauts[Metric.ACTIVE_CANDIDATES] == 15  # (10 + 20) / 2
    assert rows["CC des Hauts de Flandre"].platform_hire_share == 50
    coeur = rows["CA Coeur de Flandre"].totals
    assert (coeur[Metric.OFFERS_PUBLISHED], coeur[Metric.APPLICATIONS], coeur[Metric.ACTIVE_CANDIDATES]) == (5, 7, 3)
    assert rows["CU d'Arras"].totals[Metric.OFFERS_PUBLISHED] == 1000
    assert rows["CU d'Arras"].platform_hire_share is None


def test_only_the_granted_territories_appear(supervision, supervisor, territory, other_territory, seeded):
    grant(supervisor, territory, other_territory)

    response = supervision.get(URL, PERIOD)

    page = unescape(response.content.decode())
    assert [row.territory.name for row in response.context["by_territory"]] == [
        "CA Coeur de Flandre",
        "CC des Hauts de Flandre",
    ]
    assert response.context["report"].total(Metric.OFFERS_PUBLISHED) == 12
    assert "CU d'Arras" not in page
    assert "1016" not in page


def test_a_department_grants_its_territories_even_those_created_later(
    supervision, supervisor, territory, other_territory, third_territory, seeded
):
    with schema_context("public"):
        OversightGrantFactory(user=supervisor, department="62")

    names = [row.territory.name for row in supervision.get(URL, PERIOD).context["by_territory"]]
    later = TerritoryRowFactory(name="CA de Béthune-Bruay", communes=[Commune.objects.get(insee="62083")])
    names_after = [row.territory.name for row in supervision.get(URL, PERIOD).context["by_territory"]]

    assert names == ["CU d'Arras"]
    assert names_after == ["CA de Béthune-Bruay", "CU d'Arras"]
    assert later.pk


def test_a_period_starting_mid_month_keeps_that_month_s_active_candidates(supervision, supervisor, territory, seeded):
    grant(supervisor, territory)

    report = supervision.get(URL, {"start": "2026-09-15", "end": "2026-10-31"}).context["report"]

    assert report.series[Metric.ACTIVE_CANDIDATES] == [10, 20]
    assert report.series[Metric.OFFERS_PUBLISHED] == [0, 4]  # the 3rd of September is before


def test_the_page_shows_key_figures_charts_with_their_tables_and_no_inline_script(
    supervision, supervisor, territory, other_territory, seeded
):
    grant(supervisor, territory, other_territory)

    response = supervision.get(URL, PERIOD)

    page = response.content.decode()
    assert page.count('role="img"') == 7
    assert page.count("<table") == 8  # the territories' table and one per chart
    assert "septembre 2026" in page and "octobre 2026" in page
    assert 'id="oversight-map"' in page
    main = page.split("<main", 1)[-1].split("</main>", 1)[0]
    assert "<script" not in main
    assert "/static/themes/base/js/oversight.js" in page


def test_an_admin_without_territories_is_told_so(supervision):
    response = supervision.get(URL)

    assert response.status_code == 200
    assert "Aucun territoire ne vous est encore confié" in response.content.decode()
    assert supervision.get(MAP).json() == {"communes": []}


def test_a_wrong_period_is_refused_with_its_reason(supervision, supervisor, territory):
    grant(supervisor, territory)

    response = supervision.get(URL, {"start": "2026-10-01", "end": "2026-09-01"})

    assert response.status_code == 400
    assert "La fin de la période doit suivre son début." in response.content.decode()
    assert supervision.get(EXPORT, {"start": "pas une date"}).status_code == 400


def test_the_csv_export_has_one_line_per_territory_and_month(
    supervision, supervisor, territory, other_territory, third_territory, seeded
):
    grant(supervisor, territory, other_territory)

    response = supervision.get(EXPORT, PERIOD)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode()), delimiter=";"))
    assert rows[0][:3] == ["Territoire", "SIREN", "Mois"]
    assert rows[0][3:] == [str(label) for _code, label in Metric.choices]
    lines = {(row[0], row[2]): dict(zip(Metric.values, map(int, row[3:]), strict=True)) for row in rows[1:]}
    assert list(lines) == [
        ("CC des Hauts de Flandre", "2026-09"),
        ("CC des Hauts de Flandre", "2026-10"),
        ("CA Coeur de Flandre", "2026-09"),
        ("CA Coeur de Flandre", "2026-10"),
    ]
    assert lines[("CC des Hauts de Flandre", "2026-09")][Metric.OFFERS_PUBLISHED] == 3
    assert lines[("CC des Hauts de Flandre", "2026-10")][Metric.ACTIVE_CANDIDATES] == 20
    assert lines[("CA Coeur de Flandre", "2026-10")][Metric.APPLICATIONS] == 7
    assert lines[("CA Coeur de Flandre", "2026-09")][Metric.HIRES] == 0
    assert rows[1][1] == territory.epci_siren


def test_the_offers_export_and_the_map_list_the_granted_territories_published_offers(
    supervision, supervisor, territory, other_territory, third_territory
):
    grant(supervisor, territory, other_territory)
    bailleul = Commune.objects.get(insee="59043")
    PublishedOfferFactory(territory=territory, title="Boulanger")
    PublishedOfferFactory(territory=territory, title="Maçon")
    PublishedOfferFactory(territory=other_territory, title="Infirmier", commune=bailleul, offer_id=77)
    PublishedOfferFactory(territory=third_territory, title="Secrétaire à Arras")

    rows = list(csv.reader(io.StringIO(b"".join(supervision.get(OFFERS).streaming_content).decode()), delimiter=";"))
    points = supervision.get(MAP).json()["communes"]

    assert rows[0][:3] == ["Territoire", "Intitulé", "Employeur"]
    assert sorted(row[1] for row in rows[1:]) == ["Boulanger", "Infirmier", "Maçon"]
    infirmier = next(row for row in rows[1:] if row[1] == "Infirmier")
    assert infirmier[0] == "CA Coeur de Flandre"
    assert (infirmier[3], infirmier[4], infirmier[5]) == ("Bailleul", "59043", "CDI")
    assert infirmier[-1] == "http://other.localhost:8000/offres/77/"
    assert [(point["insee"], point["offers"]) for point in points] == [("59663", 2), ("59043", 1)]
    assert points[1]["name"] == "Bailleul"


def test_the_page_runs_a_fixed_number_of_queries(
    supervision, supervisor, territory, other_territory, third_territory, seeded, snapshot_queries
):
    grant(supervisor, territory, other_territory, third_territory)
    supervision.get(URL, PERIOD)  # warm the session

    with snapshot_queries():
        response = supervision.get(URL, PERIOD)

    assert len(response.context["by_territory"]) == 3
