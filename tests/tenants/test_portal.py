"""A territory's portal: its own name, colours and theme, on its own domain only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tenants.enums import TerritoryKind
from tenants.models import Territory
from tests.tenants.images import png_bytes


def test_portal_home_shows_the_territory_name_and_its_colours(territory, portal_client, snapshot_queries):
    territory.primary_color = "#7a1f1f"
    territory.save()

    with snapshot_queries():
        response = portal_client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "CC des Hauts de Flandre" in html
    assert "--primary: #7a1f1f" in html
    assert 'lang="fr"' in html
    assert 'href="#contenu"' in html  # skip link


def test_each_domain_serves_its_own_territory(portal_client, other_portal_client):
    assert "CA Coeur de Flandre" in other_portal_client.get("/").content.decode()
    assert "CA Coeur de Flandre" not in portal_client.get("/").content.decode()


def test_an_unknown_host_gets_a_clear_404_page(db):
    from django.test import Client

    response = Client(HTTP_HOST="nulle-part.example.org").get("/")

    assert response.status_code == 404
    assert "Portail introuvable" in response.content.decode()
    assert "nulle-part.example.org" in response.content.decode()


def test_an_unknown_path_gets_the_portal_404_page(portal_client):
    response = portal_client.get("/pas-de-page-ici/")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_the_provider_site_lists_the_portals_but_not_its_own_rows(provider_client):
    response = provider_client.get("/")

    assert response.status_code == 200
    names = [territory.name for territory in response.context["territories"]]
    assert "CC des Hauts de Flandre" in names
    assert "CA Coeur de Flandre" in names
    assert Territory.objects.exclude(kind=TerritoryKind.TERRITORY).count() == 2  # provider and template
    assert len(names) == Territory.objects.portals().count()
    assert "http://test.localhost:8000/" in response.content.decode()


def test_the_provider_site_lists_portals_in_a_constant_number_of_queries(provider_client, snapshot_queries):
    with snapshot_queries():
        provider_client.get("/")


def test_a_theme_folder_overrides_the_base_templates(territory, portal_client):
    assert "cards" in portal_client.get("/").content.decode()

    territory.theme = "sobre"
    territory.save()
    html = portal_client.get("/").content.decode()

    assert "sobre-intro" in html
    assert 'class="cards"' not in html
    assert "CC des Hauts de Flandre" in html  # the rest of the page is the base theme's


def test_the_logo_is_served_by_the_portal_and_only_its_own(
    territory, portal_client, other_portal_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    assert portal_client.get("/logo").status_code == 404

    territory.logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    territory.save()

    response = portal_client.get("/logo")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()
    assert 'src="/logo"' in portal_client.get("/").content.decode()
    assert other_portal_client.get("/logo").status_code == 404


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_on_any_host_before_tenant_resolution(db, path):
    from django.test import Client

    response = Client(HTTP_HOST="10.1.2.3").get(path)

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_readiness_fails_when_the_broker_is_unreachable(db, monkeypatch):
    from django.test import Client

    from platform.celery import app

    monkeypatch.setitem(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setitem(app.conf, "broker_transport_options", {})

    response = Client(HTTP_HOST="10.1.2.3").get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "broker": "unavailable"}
