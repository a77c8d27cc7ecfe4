"""The territory admin manages the team at /gestion/equipe/: invitations (a one-time link to
choose a password), roles, partners' organisations, deactivation, second-factor resets."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenant_apps.accounts import services
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.outbox.models import OutboxMessage
from tenant_apps.partners.models import PartnerMembership
from tests.accounts.factories import TOTPDeviceFactory, UserFactory
from tests.partners.factories import PartnerMembershipFactory, PartnerOrganisationFactory

INVITE = "/gestion/equipe/inviter/"
NEW_PASSWORD = "Flandre-2026-emploi"


@pytest.fixture
def admin(login_as):
    return login_as(Role.TERRITORY_ADMIN, first_name="Anne", last_name="Admin")


def invitation(**overrides):
    return {
        "email": "julie.conseil@ccfl.example.org",
        "first_name": "Julie",
        "last_name": "Conseil",
        "role": Role.ADVISOR,
        "organisation": "",
        **overrides,
    }


def link_in(mail) -> str:
    return re.search(r"http://test\.localhost(/\S+)", mail.body).group(1)


# The list


def test_the_list_shows_the_team_with_role_organisation_last_login_and_state(admin):
    client, _me = admin
    organisation = PartnerOrganisationFactory(name="Mission locale des Flandres")
    PartnerMembershipFactory(user__first_name="Paul", user__last_name="Partenaire", organisation=organisation)
    UserFactory(role=Role.RECEPTION_AGENT, first_name="Rita", last_name="Accueil", is_active=False)
    UserFactory(role=Role.CANDIDATE, first_name="Charles", last_name="Candidat")
    UserFactory(role=Role.RECRUITER, first_name="Rémi", last_name="Recruteur")

    page = client.get("/gestion/equipe/")

    assert page.status_code == 200
    names = [str(member) for member in page.context["members"]]
    assert "Paul Partenaire" in names and "Rita Accueil" in names and "Anne Admin" in names
    assert "Charles Candidat" not in names and "Rémi Recruteur" not in names
    html = page.content.decode()
    assert "Mission locale des Flandres" in html
    assert "désactivé" in html
    assert "Partenaire" in html and "Agent d&#x27;accueil" in html


def test_the_list_runs_a_fixed_number_of_queries(admin, snapshot_queries):
    client, _me = admin
    for _index in range(3):
        PartnerMembershipFactory()
        UserFactory(role=Role.ADVISOR)

    with snapshot_queries():
        assert client.get("/gestion/equipe/").status_code == 200


# Invitations


def test_an_invitation_round_trip_sets_a_password_and_the_person_logs_in(
    admin, mailoutbox, django_capture_on_commit_callbacks
):
    client, _me = admin
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INVITE, invitation())

    assert response.status_code == 302
    user = User.objects.get(email="julie.conseil@ccfl.example.org")
    assert (user.role, user.first_name, user.is_active, user.has_usable_password()) == (
        Role.ADVISOR,
        "Julie",
        True,
        False,
    )
    [mail] = mailoutbox
    assert mail.to == ["julie.conseil@ccfl.example.org"]
    assert "Anne Admin vous a créé un compte" in mail.body and "« Conseiller »" in mail.body
    person = Client(HTTP_HOST="test.localhost")
    form_url = person.get(link_in(mail)).url  # Django hides the token behind a redirect
    assert person.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}).status_code == 302

    logged_in = person.post("/connexion/", {"username": user.email, "password": NEW_PASSWORD}, follow=True)

    assert logged_in.context["user"] == user
    assert logged_in.request["PATH_INFO"] == "/compte/double-authentification/"  # staff enrol an app first
    used_again = Client(HTTP_HOST="test.localhost").get(link_in(mail), follow=True)
    assert "Ce lien n'est plus valable" in used_again.content.decode()


def test_a_partner_is_invited_into_an_organisation_chosen_from_its_page(
    admin, mailoutbox, django_capture_on_commit_callbacks
):
    client, _me = admin
    organisation = PartnerOrganisationFactory(name="Mission locale des Flandres")

    form = client.get(f"{INVITE}?organisation={organisation.pk}").context["form"]
    assert (form.initial["role"], str(form.initial["organisation"])) == (Role.PARTNER, str(organisation.pk))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(INVITE, invitation(email="paul@ml.example.org", role=Role.PARTNER, organisation=organisation.pk))

    membership = PartnerMembership.objects.select_related("user").get(organisation=organisation)
    assert (membership.user.email, membership.user.role) == ("paul@ml.example.org", Role.PARTNER)
    assert "Vous y représentez Mission locale des Flandres" in mailoutbox[0].body


def test_a_partner_without_organisation_is_a_field_error_and_nothing_is_created(admin):
    client, _me = admin

    response = client.post(INVITE, invitation(role=Role.PARTNER))

    assert response.status_code == 400
    assert response.context["form"].errors["organisation"] == ["Choisissez la structure du partenaire."]
    assert not User.objects.filter(email="julie.conseil@ccfl.example.org").exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.RECRUITER])
def test_the_address_of_a_candidate_or_recruiter_is_a_clear_field_error(admin, role):
    client, _me = admin
    UserFactory(role=role, email="julie.conseil@ccfl.example.org")

    response = client.post(INVITE, invitation(email="Julie.Conseil@ccfl.example.org"))

    assert response.status_code == 400
    [error] = response.context["form"].errors["email"]
    assert "compte candidat ou recruteur" in error
    assert 'id="id_email_error"' in response.content.decode()
    assert User.objects.filter(email="julie.conseil@ccfl.example.org").count() == 1
    assert not OutboxMessage.objects.exists()


def test_the_address_of_a_team_member_is_a_field_error_too(admin):
    client, _me = admin
    UserFactory(role=Role.ADVISOR, email="julie.conseil@ccfl.example.org")

    response = client.post(INVITE, invitation())

    assert response.context["form"].errors["email"] == ["Un membre de l'équipe a déjà cette adresse."]


def test_only_staff_roles_can_be_given(admin):
    client, _me = admin

    response = client.post(INVITE, invitation(role=Role.CANDIDATE))

    assert "role" in response.context["form"].errors
    assert not User.objects.filter(email="julie.conseil@ccfl.example.org").exists()


# Roles, deactivation, last admin


def test_the_admin_changes_a_role_and_a_partner_s_organisation_follows(admin):
    client, _me = admin
    advisor = UserFactory(role=Role.ADVISOR)
    organisation = PartnerOrganisationFactory()

    client.post(f"/gestion/equipe/{advisor.pk}/", {"role": Role.PARTNER, "organisation": organisation.pk})
    advisor.refresh_from_db()
    assert advisor.role == Role.PARTNER
    assert advisor.partner_membership.organisation == organisation

    client.post(f"/gestion/equipe/{advisor.pk}/", {"role": Role.RECEPTION_AGENT, "organisation": organisation.pk})
    assert User.objects.get(pk=advisor.pk).role == Role.RECEPTION_AGENT
    assert not PartnerMembership.objects.filter(user=advisor).exists()


def test_a_deactivated_member_can_no_longer_log_in_and_is_reactivated(admin, login_as):
    client, _me = admin
    advisor_client, advisor = login_as(Role.ADVISOR)

    client.post(f"/gestion/equipe/{advisor.pk}/desactiver/")

    advisor.refresh_from_db()
    assert not advisor.is_active
    assert advisor_client.get("/conseiller/candidats/").status_code == 302  # the session is worth nothing now
    client.post(f"/gestion/equipe/{advisor.pk}/reactiver/")
    assert User.objects.get(pk=advisor.pk).is_active


def test_an_admin_cannot_deactivate_or_demote_themselves(admin):
    client, me = admin
    UserFactory(role=Role.TERRITORY_ADMIN)  # another admin: the refusal is about oneself

    deactivate = client.post(f"/gestion/equipe/{me.pk}/desactiver/", follow=True)
    demote = client.post(f"/gestion/equipe/{me.pk}/", {"role": Role.ADVISOR})

    assert "Vous ne pouvez pas retirer vos propres droits" in deactivate.content.decode()
    assert demote.status_code == 400
    me.refresh_from_db()
    assert (me.is_active, me.role) == (True, Role.TERRITORY_ADMIN)


def test_the_last_active_admin_cannot_be_deactivated_nor_demoted(admin):
    client, me = admin
    User.objects.active_admins().exclude(pk=me.pk).update(is_active=False)  # the onboarding's admin too
    other = UserFactory(role=Role.TERRITORY_ADMIN)
    client.post(f"/gestion/equipe/{other.pk}/desactiver/")
    assert list(User.objects.active_admins()) == [me]
    # Nobody else may do it either, not even a superuser of the Django admin.
    superuser = UserFactory(role=Role.ADVISOR, is_superuser=True)

    with pytest.raises(services.StaffError, match="dernier administrateur actif"):
        services.set_active(me, active=False, by=superuser)
    with pytest.raises(services.StaffError, match="dernier administrateur actif"):
        services.change_role(me, role=Role.ADVISOR, by=superuser)
    me.refresh_from_db()
    assert (me.is_active, me.role) == (True, Role.TERRITORY_ADMIN)


def test_only_admins_may_change_the_team_even_through_the_services(db):
    advisor, member = UserFactory(role=Role.ADVISOR), UserFactory(role=Role.RECEPTION_AGENT)

    with pytest.raises(PermissionDenied):
        services.set_active(member, active=False, by=advisor)
    with pytest.raises(PermissionDenied):
        services.change_role(member, role=Role.TERRITORY_ADMIN, by=advisor)
    with pytest.raises(PermissionDenied):
        services.invite_staff(
            by=advisor, email="x@example.org", first_name="X", last_name="Y", role=Role.ADVISOR, base_url=""
        )


def test_the_admin_resets_a_member_s_second_factor(admin, mailoutbox, django_capture_on_commit_callbacks):
    client, _me = admin
    advisor = UserFactory(role=Role.ADVISOR)
    TOTPDeviceFactory(user=advisor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/gestion/equipe/{advisor.pk}/double-authentification/", follow=True)

    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=advisor).exists()
    assert mailoutbox[0].to == [advisor.email]


def test_candidates_and_recruiters_are_not_managed_here(admin):
    client, _me = admin
    candidate = UserFactory(role=Role.CANDIDATE)

    assert client.get(f"/gestion/equipe/{candidate.pk}/").status_code == 404
    assert client.post(f"/gestion/equipe/{candidate.pk}/desactiver/").status_code == 404
    assert User.objects.get(pk=candidate.pk).is_active


# Who may do what

PAGES = [
    "/gestion/equipe/",
    INVITE,
    "/gestion/equipe/{member}/",
]
WRITES = [
    (INVITE, invitation()),
    ("/gestion/equipe/{member}/", {"role": Role.TERRITORY_ADMIN}),
    ("/gestion/equipe/{member}/desactiver/", {}),
    ("/gestion/equipe/{member}/reactiver/", {}),
    ("/gestion/equipe/{member}/double-authentification/", {}),
]


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.RECRUITER, Role.RECEPTION_AGENT, Role.ADVISOR, Role.PARTNER])
def test_lower_roles_cannot_read_or_change_the_team(login_as, role):
    client, _user = login_as(role)
    member = UserFactory(role=Role.ADVISOR)
    TOTPDeviceFactory(user=member)

    for page in PAGES:
        assert client.get(page.format(member=member.pk)).status_code == 403, page
    for url, data in WRITES:
        assert client.post(url.format(member=member.pk), data).status_code == 403, url
    member.refresh_from_db()
    assert (member.role, member.is_active) == (Role.ADVISOR, True)
    assert TOTPDevice.objects.filter(user=member).exists()
    assert not User.objects.filter(email="julie.conseil@ccfl.example.org").exists()


def test_anonymous_visitors_and_other_territories_cannot_read_or_change_the_team(
    portal_client, login_as, other_territory
):
    member = UserFactory(role=Role.ADVISOR)
    admin_elsewhere, _admin = login_as(Role.TERRITORY_ADMIN, on=other_territory)
    admin_elsewhere.defaults["HTTP_HOST"] = "test.localhost"

    for client in (portal_client, admin_elsewhere):
        for page in PAGES:
            assert client.get(page.format(member=member.pk)).status_code == 302, page
        for url, data in WRITES:
            assert client.post(url.format(member=member.pk), data).status_code == 302, url
    member.refresh_from_db()
    assert (member.role, member.is_active) == (Role.ADVISOR, True)


def test_an_admin_of_another_territory_only_sees_their_own_team(login_as, other_territory):
    UserFactory(role=Role.ADVISOR, first_name="Zébulon")
    client, _admin = login_as(Role.TERRITORY_ADMIN, on=other_territory)

    page = client.get("/gestion/equipe/")

    assert page.status_code == 200
    assert "Zébulon" not in page.content.decode()
