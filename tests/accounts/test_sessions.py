"""Users and sessions belong to one territory: nothing carries over to another."""

from django.test import Client

from tenant_apps.accounts.enums import Role
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory


def test_a_person_logs_in_on_the_portal_of_their_territory(territory, portal_client):
    UserFactory(email="lea@example.org", role=Role.CANDIDATE)

    response = portal_client.post("/connexion/", {"username": "lea@example.org", "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert "Se déconnecter" in portal_client.get("/").content.decode()


def test_a_wrong_password_shows_an_error_and_keeps_the_person_anonymous(territory, portal_client):
    UserFactory(email="lea@example.org")

    response = portal_client.post("/connexion/", {"username": "lea@example.org", "password": "faux"})

    assert response.status_code == 200
    assert "Le formulaire contient des erreurs" in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_credentials_of_one_territory_do_not_open_another(other_territory, other_portal_client):
    UserFactory(email="lea@example.org")  # in the test territory

    response = other_portal_client.post("/connexion/", {"username": "lea@example.org", "password": DEFAULT_PASSWORD})

    assert response.status_code == 200
    assert not response.context["user"].is_authenticated


def test_a_session_cookie_of_one_territory_is_worthless_on_another(login_as, other_territory):
    client, user = login_as(Role.ADVISOR)
    with other_territory:
        namesake = UserFactory(role=Role.TERRITORY_ADMIN)  # may well get the same id in its schema
    stolen = Client(HTTP_HOST=other_territory.primary_domain)
    stolen.cookies = client.cookies

    response = stolen.get("/")

    assert not response.context["user"].is_authenticated
    assert namesake.email not in response.content.decode()
    assert user.email not in response.content.decode()


def test_login_as_gives_a_client_logged_in_with_a_role_on_a_territory(login_as, other_territory):
    client, user = login_as(Role.RECRUITER, on=other_territory)

    response = client.get("/")

    assert response.context["user"] == user
    assert response.context["user"].role == Role.RECRUITER
    assert response.context["territory"] == other_territory


def test_logout_is_a_post(login_as):
    client, _user = login_as(Role.CANDIDATE)

    assert client.get("/deconnexion/").status_code == 405
    client.post("/deconnexion/")
    assert not client.get("/").context["user"].is_authenticated


def test_password_reset_sends_a_link_on_the_portal_domain(territory, portal_client, mailoutbox):
    UserFactory(email="lea@example.org")

    response = portal_client.post("/compte/mot-de-passe-oublie/", {"email": "lea@example.org"})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "http://test.localhost/compte/activer/" in mailoutbox[0].body
