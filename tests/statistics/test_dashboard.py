import csv
import datetime
import io

import pytest

from tenant_apps.accounts.enums import Role
from tenant_apps.statistics import services
from tenant_apps.statistics.enums import Metric
from tests.statistics.factories import DailyFigureFactory

pytestmark = pytest.mark.django_db

URL = "/gestion/statistiques/"
EXPORT = "/gestion/statistiques/export.csv"
PERIOD = {"start": "2026-09-01", "end": "2026-10-31"}


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.TERRITORY_ADMIN])
def test_advisors_and_the_territory_s_admins_read_the_statistics(login_as, role):
    client, _user = login_as(role)

    assert client.get(URL).status_code == 200
    assert client.get(EXPORT).status_code == 200


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.RECRUITER, Role.RECEPTION_AGENT, Role.PARTNER])
def test_other_roles_are_refused(login_as, role):
    client, _user = login_as(role)

    assert client.get(URL).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(portal_client):
    for url in (URL, EXPORT):
        response = portal_client.get(url)
        assert response.status_code == 302
        assert "/connexion/" in response["Location"] or "login" in response["Location"]


def test_another_territory_s_admin_sees_only_their_own_figures(login_as, other_territory, portal_client):
    DailyFigureFactory(date=datetime.date(2026, 9, 3), metric=Metric.APPLICATIONS, value=4177)
    client, _admin = login_as(Role.TERRITORY_ADMIN, on=other_territory)

    own = client.get(URL, PERIOD)

    assert own.status_code == 200
    assert own.context["report"].total(Metric.APPLICATIONS) == 0
    portal_client.cookies = client.cookies  # their session is unknown on this portal
    assert portal_client.get(URL).status_code == 302


def test_the_dashboard_shows_key_figures_charts_and_their_tables(login_as, seeded):
    services.refresh(datetime.date(2026, 9, 1))
    client, _advisor = login_as(Role.ADVISOR)

    response = client.get(URL, PERIOD)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Part des recrutements faits via le portail" in page
    assert "67 %" in page  # 2 of the 3 hires
    assert page.count('role="img"') == 7
    assert page.count("<table") == 7
    assert "septembre 2026" in page and "octobre 2026" in page
    assert "<script" not in page.split("<main", 1)[-1].split("</main>", 1)[0]


def test_the_commune_filter_keeps_its_figures(login_as, seeded):
    _wormhout, other = seeded
    services.refresh(datetime.date(2026, 9, 1))
    client, _advisor = login_as(Role.ADVISOR)

    response = client.get(URL, {**PERIOD, "commune": other.insee})

    assert response.context["report"].total(Metric.OFFERS_PUBLISHED) == 2
    assert response.context["report"].platform_hire_share == 0


def test_a_wrong_period_is_refused_with_its_reason(login_as):
    client, _advisor = login_as(Role.ADVISOR)

    response = client.get(URL, {"start": "2026-10-01", "end": "2026-09-01"})

    assert response.status_code == 400
    assert "La fin de la période doit suivre son début." in response.content.decode()
    assert client.get(EXPORT, {"start": "pas une date"}).status_code == 400


def test_the_default_period_is_the_last_twelve_months(login_as):
    client, _advisor = login_as(Role.ADVISOR)

    report = client.get(URL).context["report"]

    assert len(report.months) == 12


def test_the_csv_export_has_the_same_figures_for_the_same_filters(login_as, seeded):
    wormhout, _other = seeded
    services.refresh(datetime.date(2026, 9, 1))
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    response = client.get(EXPORT, {**PERIOD, "commune": wormhout.insee})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    header = rows[0]
    assert header[0] == "Mois"
    assert header[1:] == [str(label) for _code, label in Metric.choices]
    lines = {row[0]: dict(zip(Metric.values, map(int, row[1:]), strict=True)) for row in rows[1:]}
    assert list(lines) == ["2026-09", "2026-10", "Période"]
    assert lines["2026-09"][Metric.OFFERS_PUBLISHED] == 2
    assert lines["2026-09"][Metric.NEEDS_COLLECTED] == 1
    assert lines["2026-10"][Metric.PROFILE_VIEWS] == 2
    assert lines["Période"][Metric.APPLICATIONS] == 2
    assert lines["Période"][Metric.HIRES] == 2
    assert lines["Période"][Metric.HIRES_THROUGH_PLATFORM] == 2
    assert lines["Période"][Metric.ACTIVE_CANDIDATES] == 2  # an average per month


def test_the_dashboard_reads_only_the_roll_up(login_as, snapshot_queries):
    for day in range(1, 29):
        DailyFigureFactory(date=datetime.date(2026, 9, day), metric=Metric.APPLICATIONS, value=day)
    client, _advisor = login_as(Role.ADVISOR)

    with snapshot_queries():
        response = client.get(URL, PERIOD)

    assert response.context["report"].total(Metric.APPLICATIONS) == sum(range(1, 29))
