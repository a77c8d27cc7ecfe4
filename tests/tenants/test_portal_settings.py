"""The territory admin brands and configures their portal; nobody else can."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tenant_apps.accounts.enums import Role
from tenants.models import Territory
from tests.tenants.images import png_bytes

URL = "/gestion/portail/"


def settings_form(territory: Territory, **changes) -> dict:
    data = {
        "welcome_text": territory.welcome_text,
        "primary_color": territory.primary_color,
        "secondary_color": territory.secondary_color,
        "theme": territory.theme,
        "contact_email": territory.contact_email,
        "contact_phone": territory.contact_phone,
        "contact_address": territory.contact_address,
        "map_tile_url": territory.map_tile_url,
        "map_attribution": territory.map_attribution,
        "default_search_radius_km": territory.default_search_radius_km,
        "offer_validity_days": territory.offer_validity_days,
        "candidate_retention_months": territory.candidate_retention_months,
    }
    if territory.offer_moderation:
        data["offer_moderation"] = "on"
    return {**data, **changes}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_territory_admin_changes_colours_texts_and_settings(login_as, territory):
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    response = client.post(
        URL,
        settings_form(
            territory,
            primary_color="#5a2d82",
            welcome_text="Bienvenue sur le portail emploi.",
            contact_phone="03 28 00 00 01",
            offer_moderation="on",
            default_search_radius_km=25,
            candidate_retention_months=36,
        ),
        follow=True,
    )

    assert "Paramètres du portail enregistrés." in response.content.decode()
    territory.refresh_from_db()
    assert territory.primary_color == "#5a2d82"
    assert territory.offer_moderation
    assert (territory.default_search_radius_km, territory.candidate_retention_months) == (25, 36)
    home = client.get("/").content.decode()
    assert "--primary: #5a2d82" in home
    assert "Bienvenue sur le portail emploi." in home


def test_a_retention_period_out_of_range_is_refused(login_as, territory):
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    response = client.post(URL, settings_form(territory, candidate_retention_months=2))

    assert response.context["form"].errors["candidate_retention_months"]
    territory.refresh_from_db()
    assert territory.candidate_retention_months == 24


def test_an_unreadable_colour_is_refused_next_to_its_field_and_nothing_is_saved(login_as, territory):
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    response = client.post(URL, settings_form(territory, primary_color="#ffd700", welcome_text="Nouveau texte"))

    assert response.status_code == 200
    assert "Contraste insuffisant : 1,40:1" in response.content.decode()
    assert "primary_color" in response.context["form"].errors
    assert "--primary: #1d4f91" in response.content.decode()  # the page keeps the saved colour
    territory.refresh_from_db()
    assert territory.primary_color == "#1d4f91"
    assert territory.welcome_text == ""


def test_a_logo_is_accepted_by_its_content_and_served_by_the_portal(login_as, territory, media):
    client, _admin = login_as(Role.TERRITORY_ADMIN)
    logo = SimpleUploadedFile("mon logo.jpeg", png_bytes(), content_type="image/jpeg")  # a PNG, whatever its name

    client.post(URL, {**settings_form(territory), "logo": logo})

    territory.refresh_from_db()
    assert territory.logo.name.startswith(f"territories/{territory.schema_name}/logo-")
    assert territory.logo.name.endswith(".png")
    assert b"".join(client.get("/logo").streaming_content) == png_bytes()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 pas une image", "Ce fichier n'est pas une image lisible"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "pas une image lisible"),
        (png_bytes(size=(2500, 10)), "le maximum est 2000 pixels de côté"),
        (b"\x89PNG" + b"0" * 600_000, "le maximum est 512"),
    ],
    ids=["pdf", "svg", "huge", "heavy"],
)
def test_a_bad_logo_is_refused_with_a_clear_message(login_as, territory, media, content, message):
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    response = client.post(URL, {**settings_form(territory), "logo": SimpleUploadedFile("logo.png", content)})

    assert message in " ".join(response.context["form"].errors["logo"])
    territory.refresh_from_db()
    assert not territory.logo
    assert not list(media.rglob("*"))


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.RECRUITER, Role.RECEPTION_AGENT, Role.ADVISOR, Role.PARTNER])
def test_other_roles_can_neither_read_nor_change_the_settings(login_as, territory, role):
    client, _user = login_as(role)

    assert client.get(URL).status_code == 403
    assert client.post(URL, settings_form(territory, primary_color="#000000")).status_code == 403
    territory.refresh_from_db()
    assert territory.primary_color == "#1d4f91"


def test_an_anonymous_visitor_is_sent_to_the_login_page(portal_client):
    response = portal_client.get(URL)

    assert response.status_code == 302
    assert response.url == f"/connexion/?next={URL}"


def test_the_admin_of_another_territory_cannot_change_this_one(login_as, territory, other_territory):
    client, _admin = login_as(Role.TERRITORY_ADMIN, on=other_territory)
    client.defaults["HTTP_HOST"] = territory.primary_domain  # their session, on this portal

    response = client.post(URL, settings_form(territory, primary_color="#000000"))

    assert response.status_code == 302  # anonymous here: sent to the login page
    territory.refresh_from_db()
    assert territory.primary_color == "#1d4f91"


def test_each_admin_changes_only_their_own_territory(login_as, territory, other_territory):
    client, _admin = login_as(Role.TERRITORY_ADMIN, on=other_territory)

    client.post(URL, settings_form(other_territory, primary_color="#000000"))

    territory.refresh_from_db()
    other_territory.refresh_from_db()
    assert other_territory.primary_color == "#000000"
    assert territory.primary_color == "#1d4f91"


def test_the_settings_link_is_shown_to_territory_admins_only(login_as):
    admin_client, _admin = login_as(Role.TERRITORY_ADMIN)
    advisor_client, _advisor = login_as(Role.ADVISOR)

    assert URL in admin_client.get("/").content.decode()
    assert URL not in advisor_client.get("/").content.decode()


@pytest.mark.parametrize("url", ["http://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org/carte.png"])
def test_a_tile_server_must_be_https_with_its_placeholders(login_as, territory, url):
    client, _admin = login_as(Role.TERRITORY_ADMIN)

    response = client.post(URL, settings_form(territory, map_tile_url=url))

    assert "{z}, {x} et {y}" in response.context["form"].errors["map_tile_url"][0]
