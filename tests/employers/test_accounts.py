"""An employer signs up on the portal, verifies its address and invites colleagues."""

import re

import pytest
from django.test import Client

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.employers.models import Employer, Invitation, Membership
from tests.accounts.factories import UserFactory
from tests.employers.factories import EmployerFactory, InvitationFactory, MembershipFactory, valid_siret

PASSWORD = "Levain-et-four-59!"


def signup_data(**changes):
    data = {
        "siret": "732 829 320 00074",
        "name": "Boulangerie Vandamme",
        "sector": "crafts",
        "commune": "Wormhout",
        "address": "12 place du Général de Gaulle",
        "first_name": "Marie",
        "last_name": "Vandamme",
        "email": "Marie@Boulangerie-Vandamme.fr",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return {**data, **changes}


def link_in(mail) -> str:
    return re.search(r"http://test\.localhost(/\S+)", mail.body).group(1)


@pytest.fixture
def recruiter_client(login_as):
    client, user = login_as(Role.RECRUITER)
    MembershipFactory(user=user)
    return client, user


def test_an_employer_signs_up_verifies_its_address_and_lands_on_its_space(
    portal_client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = portal_client.post("/employeur/inscription/", signup_data())

    assert "Vérifiez votre messagerie" in response.content.decode()
    employer = Employer.objects.get()
    assert (employer.siret, employer.commune.name) == ("73282932000074", "Wormhout")
    user = User.objects.get(email="marie@boulangerie-vandamme.fr")
    assert (user.role, user.is_active, user.membership.employer) == (Role.RECRUITER, False, employer)
    assert not portal_client.login(username=user.email, password=PASSWORD)  # not before the link

    [mail] = mailoutbox
    assert mail.subject == "Activez le compte employeur de Boulangerie Vandamme"
    response = portal_client.get(link_in(mail), follow=True)

    assert response.redirect_chain[-1][0] == "/employeur/"
    assert "Boulangerie Vandamme" in response.content.decode()
    user.refresh_from_db()
    assert user.is_active
    assert portal_client.get(link_in(mail)).status_code == 400  # the link works once


def test_a_duplicate_siret_is_refused_with_the_way_to_join_the_existing_account(portal_client):
    EmployerFactory(siret="73282932000074", name="Boulangerie Vandamme")

    response = portal_client.post("/employeur/inscription/", signup_data())

    errors = response.context["form"].errors["siret"]
    assert "a déjà un compte sur ce portail" in errors[0]
    assert "Demandez à l'un de ses recruteurs de vous inviter" in errors[0]
    assert Employer.objects.count() == 1
    assert not User.objects.filter(email="marie@boulangerie-vandamme.fr").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("siret", "73282932000075", "clé de contrôle est fausse"),
        ("commune", "Saint-Martin", "Plusieurs communes correspondent"),
        ("commune", "Nulle-Part-sur-Mer", "Commune introuvable"),
        ("password2", "autre chose", ""),
        ("password1", "vandamme", ""),
        ("email", "pas-une-adresse", ""),
        ("name", "", ""),
    ],
)
def test_bad_input_is_refused_field_by_field_and_nothing_is_saved(portal_client, field, value, message):
    data = signup_data(**{field: value})
    if field == "password1":
        data["password2"] = value

    response = portal_client.post("/employeur/inscription/", data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors
    assert message in " ".join(str(e) for e in errors.values())
    assert not Employer.objects.exists()
    assert not User.objects.filter(email="marie@boulangerie-vandamme.fr").exists()


def test_an_address_already_registered_is_refused(portal_client):
    UserFactory(email="marie@boulangerie-vandamme.fr")

    response = portal_client.post("/employeur/inscription/", signup_data())

    assert "Un compte existe déjà avec cette adresse" in response.context["form"].errors["email"][0]
    assert not Employer.objects.exists()


def test_the_same_siret_may_sign_up_on_another_territory(other_portal_client, other_territory):
    with other_territory:
        EmployerFactory(siret="73282932000074")

    response = Client(HTTP_HOST="test.localhost").post("/employeur/inscription/", signup_data())

    assert "Vérifiez votre messagerie" in response.content.decode()


def test_a_verification_link_of_another_territory_does_not_work(
    other_territory, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Client(HTTP_HOST="test.localhost").post("/employeur/inscription/", signup_data())
    with other_territory:  # a user with the same id there
        UserFactory(role=Role.RECRUITER, is_active=False)

    response = Client(HTTP_HOST="other.localhost").get(link_in(mailoutbox[0]))

    assert response.status_code == 400
    with other_territory:
        assert not User.objects.filter(is_active=True, role=Role.RECRUITER).exists()


def test_a_recruiter_invites_a_colleague_who_joins_the_employer(
    recruiter_client, mailoutbox, django_capture_on_commit_callbacks
):
    client, recruiter = recruiter_client
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/employeur/inviter/", {"email": "Paul@Example.org"}, follow=True)

    assert "Invitation envoyée à paul@example.org." in response.content.decode()
    assert "paul@example.org" in response.content.decode()  # pending, on the dashboard
    [mail] = mailoutbox
    colleague = Client(HTTP_HOST="test.localhost")
    page = colleague.get(link_in(mail))
    assert "Rejoindre" in page.content.decode()

    response = colleague.post(
        link_in(mail), {"first_name": "Paul", "last_name": "Martin", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert response.url == "/employeur/"
    paul = User.objects.get(email="paul@example.org")
    assert (paul.role, paul.is_active) == (Role.RECRUITER, True)
    assert paul.membership.employer == recruiter.membership.employer
    assert Invitation.objects.get().accepted_at is not None
    assert colleague.get(link_in(mail)).status_code == 404  # used


def test_inviting_an_existing_user_or_twice_is_refused(recruiter_client):
    client, _recruiter = recruiter_client
    UserFactory(email="deja@example.org")

    response = client.post("/employeur/inviter/", {"email": "deja@example.org"}, follow=True)
    assert "deja@example.org a déjà un compte sur ce portail." in response.content.decode()

    client.post("/employeur/inviter/", {"email": "paul@example.org"})
    response = client.post("/employeur/inviter/", {"email": "paul@example.org"}, follow=True)
    assert "Une invitation est déjà en attente pour paul@example.org." in response.content.decode()
    assert Invitation.objects.count() == 1


def test_an_invitation_link_is_bound_to_its_territory(other_territory):
    from tenant_apps.employers.tokens import invitation_token

    invitation = InvitationFactory()
    token = invitation_token(invitation)
    with other_territory:
        InvitationFactory(pk=invitation.pk)  # same id in the other schema

    assert Client(HTTP_HOST="other.localhost").get(f"/employeur/invitation/{token}/").status_code == 404
    assert Client(HTTP_HOST="test.localhost").get(f"/employeur/invitation/{token}/").status_code == 200
    assert Client(HTTP_HOST="test.localhost").get("/employeur/invitation/forge:abc/").status_code == 404


def test_the_dashboard_shows_only_the_recruiters_own_employer(recruiter_client, snapshot_queries):
    client, recruiter = recruiter_client
    other = MembershipFactory(employer=EmployerFactory(name="Garage Concurrent", siret=valid_siret(999)))

    with snapshot_queries():
        html = client.get("/employeur/").content.decode()

    assert recruiter.membership.employer.name in html
    assert html.count('id="titre-api"') == 1
    assert re.search(r"<title>[^<]+ — Espace employeur</title>", html)
    assert "Garage Concurrent" not in html
    assert other.user.email not in html


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.ADVISOR, Role.TERRITORY_ADMIN])
def test_other_roles_get_no_employer_space(login_as, role):
    client, _user = login_as(role)

    assert client.get("/employeur/").status_code == 403
    assert client.post("/employeur/inviter/", {"email": "x@example.org"}).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(portal_client):
    assert portal_client.get("/employeur/").url == "/connexion/?next=/employeur/"
    assert portal_client.post("/employeur/inviter/", {"email": "x@example.org"}).status_code == 302
    assert not Invitation.objects.exists()


def test_a_recruiter_of_another_territory_is_anonymous_here(login_as, other_territory):
    client, user = login_as(Role.RECRUITER, on=other_territory)
    with other_territory:
        MembershipFactory(user=user)
    client.defaults["HTTP_HOST"] = "test.localhost"

    assert client.get("/employeur/").status_code == 302


def test_membership_cascade_keeps_one_employer_per_recruiter(db):
    membership = MembershipFactory()

    with pytest.raises(Exception):  # noqa: B017 - IntegrityError inside the test transaction
        Membership.objects.create(user=membership.user, employer=EmployerFactory())


def test_a_recruiter_gets_an_api_key_that_replaces_the_previous_one(recruiter_client):
    from rest_framework.authtoken.models import Token

    client, recruiter = recruiter_client

    first = client.post("/employeur/cle-api/", follow=True)
    key = Token.objects.get(user=recruiter).key
    assert key in first.content.decode()
    client.post("/employeur/cle-api/")

    assert Token.objects.get(user=recruiter).key != key
    api = Client(HTTP_HOST="test.localhost", HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/employeur/offres/").status_code == 401


def test_only_recruiters_create_api_keys(login_as, portal_client):
    from rest_framework.authtoken.models import Token

    candidate, _user = login_as(Role.CANDIDATE)

    assert candidate.post("/employeur/cle-api/").status_code == 403
    assert portal_client.post("/employeur/cle-api/").status_code == 302
    assert not Token.objects.exists()


def test_a_recruiter_account_attached_to_no_employer_is_told_why_it_cannot_go_on(login_as):
    client, _user = login_as(Role.RECRUITER)

    for response in (client.get("/employeur/"), client.get("/employeur/offres/nouvelle/")):
        assert response.status_code == 403
        assert "n&#x27;est rattaché à aucun employeur" in response.content.decode()
    api = client.get("/api/employeur/offres/")
    assert api.status_code == 403
