"""Onboarding a territory from its EPCI: one service, used by the command."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context, schema_exists

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenants.enums import TerritoryKind, TerritoryStatus
from tenants.models import Domain, Territory
from tenants.services import OnboardingError, onboard_territory, territory_slug

BAR_SUR_AUBE = "241000405"  # CC de la Région de Bar sur Aube, 27 communes


def onboard(**overrides):
    request = {"epci_siren": BAR_SUR_AUBE, "domain": "bar-sur-aube.localhost", "admin_email": "admin@bsa.example.org"}
    return onboard_territory(**{**request, **overrides})


def test_onboarding_creates_the_territory_its_schema_communes_domain_and_admin(db):
    result = onboard()

    territory = result.territory
    assert result.created
    assert territory.name == "CC de la Région de Bar sur Aube"
    assert territory.slug == "region-de-bar-sur-aube"
    assert territory.kind == TerritoryKind.TERRITORY
    assert territory.status == TerritoryStatus.TRIAL
    assert territory.population == 10864
    assert territory.communes.count() == 27
    assert schema_exists(territory.schema_name)
    assert list(territory.domains.values_list("domain", "is_primary")) == [("bar-sur-aube.localhost", True)]
    assert result.portal_url == "http://bar-sur-aube.localhost:8000/"
    with schema_context(territory.schema_name):
        admin = User.objects.get()
    assert admin.email == "admin@bsa.example.org"
    assert admin.role == Role.TERRITORY_ADMIN
    assert not admin.has_usable_password()


def test_the_new_schema_is_a_migrated_clone_of_the_template(db):
    territory = onboard().territory

    def applied_migrations(schema):
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT app, name FROM "{schema}".django_migrations ORDER BY app, name')
            return cursor.fetchall()

    assert applied_migrations(territory.schema_name) == applied_migrations(settings.TENANT_BASE_SCHEMA)
    assert ("accounts", "0001_initial") in applied_migrations(territory.schema_name)


def test_the_new_portal_answers_on_its_domain(db):
    onboard()

    response = Client(HTTP_HOST="bar-sur-aube.localhost").get("/")

    assert response.status_code == 200
    assert "CC de la Région de Bar sur Aube" in response.content.decode()


def test_the_first_admin_gets_a_one_time_link_to_set_a_password(db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = onboard()

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["admin@bsa.example.org"]
    assert result.activation_url in mailoutbox[0].body
    client = Client(HTTP_HOST="bar-sur-aube.localhost")
    form_url = client.get(result.activation_url).url  # Django hides the token behind a redirect
    response = client.post(form_url, {"new_password1": "Flandre-2026-emploi", "new_password2": "Flandre-2026-emploi"})
    assert response.status_code == 302
    assert client.login(username="admin@bsa.example.org", password="Flandre-2026-emploi")

    again = Client(HTTP_HOST="bar-sur-aube.localhost").get(result.activation_url, follow=True)
    assert "Ce lien n'est plus valable" in again.content.decode()


def test_onboarding_an_existing_epci_changes_nothing(db):
    first = onboard()
    territories = Territory.objects.count()

    second = onboard(domain="autre.localhost", admin_email="autre@example.org")

    assert not second.created
    assert second.territory == first.territory
    assert Territory.objects.count() == territories
    assert not Domain.objects.filter(domain="autre.localhost").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"epci_siren": "999999999"}, "SIREN 999999999 inconnu"),
        ({"domain": "test.localhost"}, "Le domaine test.localhost est déjà utilisé"),
        ({"domain": "pas un domaine"}, "n'est pas un nom de domaine valide"),
        ({"domain": "-tiret.localhost"}, "n'est pas un nom de domaine valide"),
        ({"admin_email": "pas-une-adresse"}, "Adresse e-mail invalide"),
        ({"theme": "inexistant"}, "Thème inconnu"),
    ],
)
def test_a_bad_request_is_refused_with_a_clear_message_and_creates_nothing(db, overrides, message):
    territories = Territory.objects.count()

    with pytest.raises(OnboardingError, match=message):
        onboard(**overrides)

    assert Territory.objects.count() == territories
    assert not schema_exists(f"epci_{BAR_SUR_AUBE}")


def test_a_failure_midway_leaves_no_territory_and_no_schema(db, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disque plein")

    monkeypatch.setattr(User.objects, "create_user", fail)

    with pytest.raises(RuntimeError):
        onboard()

    assert not Territory.objects.filter(epci_siren=BAR_SUR_AUBE).exists()
    assert not Domain.objects.filter(domain="bar-sur-aube.localhost").exists()
    assert not schema_exists(f"epci_{BAR_SUR_AUBE}")


def test_two_epcis_with_the_same_place_name_get_distinct_slugs(db):
    from shared_apps.referentials.models import Epci

    hauts_de_flandre = Epci.objects.get(siren="200040954")  # its territory exists in the test session
    namesake = Epci(siren="000000001", name="CA des Hauts de Flandre")

    assert territory_slug(hauts_de_flandre) == "hauts-de-flandre-200040954"
    assert territory_slug(namesake) == "hauts-de-flandre-000000001"
    assert territory_slug(Epci(siren="000000002", name="Métropole Européenne de Lille")) == "europeenne-de-lille"


def test_the_command_prints_the_portal_url_and_the_activation_link(db, capsys):
    call_command("onboard_territory", epci=BAR_SUR_AUBE, domain="bar-sur-aube.localhost", admin_email="a@bsa.fr")

    output = capsys.readouterr().out
    assert "Portail : http://bar-sur-aube.localhost:8000/" in output
    assert "http://bar-sur-aube.localhost:8000/compte/activer/" in output

    call_command("onboard_territory", epci=BAR_SUR_AUBE, domain="bar-sur-aube.localhost", admin_email="a@bsa.fr")
    assert "existe déjà : rien n'a changé" in capsys.readouterr().out


def test_the_command_fails_with_exit_code_1(db):
    with pytest.raises(CommandError, match="SIREN 123456789 inconnu") as error:
        call_command("onboard_territory", epci="123456789", domain="x.localhost", admin_email="a@b.fr")
    assert error.value.returncode == 1


def run_manage(*args: str) -> subprocess.CompletedProcess:
    """``manage.py`` in a real process, against the test database."""
    database = connection.settings_dict
    host = database["HOST"] or database["OPTIONS"].get("host", "")
    url = f"postgres://{database['USER']}@/{database['NAME']}?host={host}&port={database['PORT'] or 5432}"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": url, "HOME": "/tmp"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_command_line_reports_an_error_on_one_stderr_line(db):
    completed = run_manage(
        "onboard_territory", "--epci", "241000405", "--domain", "other.localhost", "--admin-email", "a@b.fr"
    )

    assert completed.returncode == 1
    assert completed.stderr.strip().splitlines() == ["CommandError: Le domaine other.localhost est déjà utilisé."]


def test_the_command_line_succeeds_on_an_existing_territory(db):
    completed = run_manage(
        "onboard_territory", "--epci", "200040954", "--domain", "other.localhost", "--admin-email", "a@b.fr"
    )

    assert completed.returncode == 0, completed.stderr
    assert "existe déjà : rien n'a changé" in completed.stdout
