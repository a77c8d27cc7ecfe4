"""Assisted mode: a reception agent builds a profile with the person in front of them,
records their consent, acts for them (each action labelled), until the person takes the
account over with the e-mailed link or the printed sheet's code."""

import datetime
import io
import json
import re
import zipfile

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils import timezone

from tenant_apps.accounts.enums import Role
from tenant_apps.applications.models import Application
from tenant_apps.audit.models import AuditEntry
from tenant_apps.candidates import services
from tenant_apps.candidates.enums import ConsentMethod, OnBehalfKind
from tenant_apps.candidates.models import AssistedRegistration, Candidate
from tests.accounts.factories import UserFactory
from tests.candidates.factories import AssistedRegistrationFactory, CandidateFactory
from tests.conftest import TERRITORY_DOMAIN
from tests.offers.factories import OfferFactory

PASSWORD = "Reprendre-mon-compte-59!"
STAFF = [Role.RECEPTION_AGENT, Role.ADVISOR, Role.TERRITORY_ADMIN]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def agent(login_as):
    return login_as(Role.RECEPTION_AGENT, first_name="Nadia", last_name="Accueil")


@pytest.fixture
def assisted(db):
    return AssistedRegistrationFactory(candidate__occupations=["D1102"]).candidate


def form_data(**changes) -> dict:
    data = {
        "identity-first_name": "Marcel",
        "identity-last_name": "Vandenberghe",
        "identity-email": "Marcel.V@example.org",
        "home-phone": "06 11 22 33 44",
        "home-commune": "Wormhout",
        "home-max_travel_km": "15",
        "home-driving_licence": "on",
        "wishes-occupation_1": "Aide-soignant",
        "wishes-contract_types": ["cdi"],
        "wishes-available_from": "2026-12-01",
        "consent-cvtheque_visible": "yes",
        "consent-consent_method": ConsentMethod.SIGNED_PAPER,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def link_in(mail) -> str:
    return re.search(r"http://test\.localhost(/\S+)", mail.body).group(1)


def sheet_code(client, candidate) -> str:
    response = client.post(f"/gestion/candidats/{candidate.pk}/fiche/")
    assert response.status_code == 200
    return re.search(r"data-code>([A-Z0-9-]+)<", response.content.decode()).group(1)


def take_over(client, candidate, code, email="marcel@example.org"):
    data = {"file_number": candidate.pk, "code": code, "email": email, "password1": PASSWORD, "password2": PASSWORD}
    return client.post("/compte/activer/", data)


# Creating the profile


def test_an_agent_creates_a_complete_profile_with_the_consent_and_the_person_gets_the_link(
    agent, mailoutbox, django_capture_on_commit_callbacks
):
    client, user = agent
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/gestion/candidats/nouveau/", form_data())

    candidate = Candidate.objects.select_related("user", "assisted", "commune").get(user__email="marcel.v@example.org")
    assert response.url == f"/gestion/candidats/{candidate.pk}/"
    assert (candidate.user.get_full_name(), candidate.user.role) == ("Marcel Vandenberghe", Role.CANDIDATE)
    assert not candidate.user.has_usable_password()
    assert (candidate.phone, candidate.commune.name, candidate.max_travel_km, candidate.driving_licence) == (
        "06 11 22 33 44",
        "Wormhout",
        15,
        True,
    )
    assert list(candidate.occupations.values_list("code", flat=True)) == candidate.occupation_codes == ["J1501"]
    assert (candidate.contract_types, candidate.available_from) == (["cdi"], datetime.date(2026, 12, 1))
    assert candidate.cvtheque_visible and candidate.cvtheque_consent_at is not None
    assert candidate.created_by == user
    assisted = candidate.assisted
    assert (assisted.consent_method, assisted.consent_recorded_by, assisted.taken_over_at) == (
        ConsentMethod.SIGNED_PAPER,
        user,
        None,
    )
    assert timezone.now() - assisted.consent_at < datetime.timedelta(minutes=1)
    assert list(candidate.on_behalf_actions.values_list("kind", "agent")) == [
        (OnBehalfKind.ACTIVATION_SENT, user.pk),
        (OnBehalfKind.CREATED, user.pk),
    ]
    [mail] = mailoutbox
    assert mail.to == ["marcel.v@example.org"]
    assert "Nadia Accueil a créé avec vous votre profil" in mail.body
    assert link_in(mail).startswith("/compte/reprendre/")


def test_the_cvtheque_question_has_no_default_answer(agent):
    client, _user = agent
    page = client.get("/gestion/candidats/nouveau/").content.decode()
    assert 'name="consent-cvtheque_visible"' in page
    assert "checked" not in page

    response = client.post("/gestion/candidats/nouveau/", form_data(**{"consent-cvtheque_visible": None}))

    assert response.status_code == 200
    assert response.context["forms"]["consent"].errors["cvtheque_visible"] == [
        "Posez la question et cochez sa réponse."
    ]
    assert not Candidate.objects.filter(user__last_name="Vandenberghe").exists()


def test_every_step_form_shows_its_errors_and_nothing_is_written(agent):
    client, _user = agent
    response = client.post(
        "/gestion/candidats/nouveau/",
        form_data(**{"home-commune": "Nullepart-sur-Mer", "wishes-occupation_1": "", "consent-consent_method": None}),
    )

    forms = response.context["forms"]
    assert set(forms["home"].errors) == {"commune"}
    assert set(forms["wishes"].errors) == {"occupation_1"}
    assert set(forms["consent"].errors) == {"consent_method"}
    assert not Candidate.objects.filter(user__last_name="Vandenberghe").exists()


def test_a_person_without_e_mail_gets_a_placeholder_address_and_no_mail(agent, mailoutbox):
    client, _user = agent
    client.post("/gestion/candidats/nouveau/", form_data(**{"identity-email": ""}))

    candidate = Candidate.objects.select_related("user").get(user__last_name="Vandenberghe")
    assert candidate.user.email.endswith("@sans-email.invalid")
    assert not services.has_email(candidate.user)
    assert mailoutbox == []
    page = client.get(f"/gestion/candidats/{candidate.pk}/").content.decode()
    assert "Imprimer la fiche d'activation" in page
    assert "Renvoyer le lien" not in page


def test_an_address_already_used_is_refused(agent):
    client, _user = agent
    UserFactory(email="marcel.v@example.org")
    response = client.post("/gestion/candidats/nouveau/", form_data())
    assert response.context["forms"]["identity"].errors["email"] == ["Un compte existe déjà avec cette adresse."]


# Taking the account over


def test_the_e_mailed_link_hands_the_account_over_once(agent, mailoutbox, django_capture_on_commit_callbacks):
    client, _user = agent
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/gestion/candidats/nouveau/", form_data())
    candidate = Candidate.objects.get(user__email="marcel.v@example.org")
    person = Client(HTTP_HOST=TERRITORY_DOMAIN)

    form_page = person.get(link_in(mailoutbox[0]), follow=True)
    response = person.post(form_page.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})

    assert response.url == "/compte/mot-de-passe-enregistre/"
    candidate.refresh_from_db()
    assert candidate.user.check_password(PASSWORD)
    assert AssistedRegistration.objects.get(candidate=candidate).taken_over_at is not None
    again = Client(HTTP_HOST=TERRITORY_DOMAIN).get(link_in(mailoutbox[0]), follow=True)
    assert "Ce lien n'est plus valable" in again.content.decode()
    assert client.post(f"/gestion/candidats/{candidate.pk}/profil/domicile/", {}).status_code == 403


def test_the_e_mailed_link_expires(agent, assisted, mailoutbox, monkeypatch, django_capture_on_commit_callbacks):
    _client, user = agent
    assisted.user.email = "marcel@example.org"
    assisted.user.save()
    eight_days_ago = datetime.datetime.now() - datetime.timedelta(days=8)
    with monkeypatch.context() as patch, django_capture_on_commit_callbacks(execute=True):
        patch.setattr(default_token_generator, "_now", lambda: eight_days_ago)
        services.send_activation_email(assisted, user, "http://test.localhost")

    response = Client(HTTP_HOST=TERRITORY_DOMAIN).get(link_in(mailoutbox[0]), follow=True)

    assert "Ce lien n'est plus valable" in response.content.decode()


def test_the_sheet_code_hands_the_account_over_once(agent, assisted):
    client, _user = agent
    code = sheet_code(client, assisted)
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}", code)
    stored = AssistedRegistration.objects.get(candidate=assisted)
    assert code.replace("-", "") not in stored.code_hash
    assert stored.code_expires_at - timezone.now() > datetime.timedelta(days=29)
    person = Client(HTTP_HOST=TERRITORY_DOMAIN)

    response = take_over(person, assisted, code.lower().replace("-", " "))

    assert response.url == "/compte/mot-de-passe-enregistre/"
    assisted.user.refresh_from_db()
    assert (assisted.user.email, assisted.user.check_password(PASSWORD)) == ("marcel@example.org", True)
    again = take_over(Client(HTTP_HOST=TERRITORY_DOMAIN), assisted, code, email="autre@example.org")
    assert "Ce code n'est pas valable" in again.context["form"].errors["code"][0]
    assert client.post(f"/gestion/candidats/{assisted.pk}/fiche/").status_code == 403


def test_a_new_sheet_replaces_the_previous_code(agent, assisted):
    client, _user = agent
    first = sheet_code(client, assisted)
    second = sheet_code(client, assisted)

    refused = take_over(Client(HTTP_HOST=TERRITORY_DOMAIN), assisted, first)

    assert first != second
    assert "Code erroné" in refused.context["form"].errors["code"][0]


def test_the_sheet_code_expires_after_thirty_days(agent, assisted):
    client, _user = agent
    code = sheet_code(client, assisted)
    AssistedRegistration.objects.filter(candidate=assisted).update(
        code_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    response = take_over(Client(HTTP_HOST=TERRITORY_DOMAIN), assisted, code)

    assert "Ce code n'est pas valable" in response.context["form"].errors["code"][0]
    assert AssistedRegistration.objects.get(candidate=assisted).taken_over_at is None


def test_five_wrong_codes_burn_the_code(agent, assisted):
    client, _user = agent
    code = sheet_code(client, assisted)
    person = Client(HTTP_HOST=TERRITORY_DOMAIN)

    errors = [take_over(person, assisted, "AAAA-AAAA").context["form"].errors["code"][0] for _try in range(5)]
    response = take_over(person, assisted, code)

    assert errors[0] == "Code erroné. Il vous reste 4 essai(s)."
    assert errors[-1].startswith("Code erroné trop de fois")
    assert "Ce code n'est pas valable" in response.context["form"].errors["code"][0]
    assert AssistedRegistration.objects.get(candidate=assisted).taken_over_at is None


def test_the_code_page_is_rate_limited_per_address(assisted, settings):
    settings.FORM_RATE_LIMITS = {**settings.FORM_RATE_LIMITS, "account_code": (2, 3600)}
    person = Client(HTTP_HOST=TERRITORY_DOMAIN)
    statuses = [take_over(person, assisted, "AAAA-AAAA").status_code for _try in range(3)]
    assert statuses == [200, 200, 429]


def test_the_address_chosen_at_takeover_must_be_free(agent, assisted):
    client, _user = agent
    code = sheet_code(client, assisted)
    UserFactory(email="pris@example.org")

    response = take_over(Client(HTTP_HOST=TERRITORY_DOMAIN), assisted, code, email="pris@example.org")

    assert response.context["form"].errors["email"] == [
        "Un compte existe déjà avec cette adresse : utilisez-en une autre."
    ]
    assert AssistedRegistration.objects.get(candidate=assisted).code_failed_attempts == 0


# Acting on behalf


def test_a_step_filled_in_on_behalf_is_labelled_for_the_person(agent, assisted):
    client, user = agent
    response = client.post(
        f"/gestion/candidats/{assisted.pk}/profil/competences/", {"skills": "Cariste\nAccueil", "languages": ""}
    )

    assert response.url == f"/gestion/candidats/{assisted.pk}/"
    assisted.refresh_from_db()
    assert assisted.skills == ["Cariste", "Accueil"]
    action = assisted.on_behalf_actions.get(kind=OnBehalfKind.PROFILE_CHANGED)
    assert (action.agent, action.details) == (user, "Compétences et langues")
    person = Client(HTTP_HOST=TERRITORY_DOMAIN)
    person.force_login(assisted.user)
    assert (
        "Profil modifié par Nadia Accueil pour vous : Compétences et langues"
        in person.get("/candidat/").content.decode()
    )


def test_applying_on_behalf_is_labelled_for_the_recruiter_and_the_person(agent, assisted):
    client, user = agent
    offer = OfferFactory(published=True, title="Boulanger de nuit")
    assert "Boulanger de nuit" in client.get(f"/gestion/candidats/{assisted.pk}/").content.decode()

    response = client.post(
        f"/gestion/candidats/{assisted.pk}/postuler/{offer.pk}/", {"cv_kind": "generated", "message": "Disponible."}
    )

    assert response.url == f"/gestion/candidats/{assisted.pk}/"
    application = Application.objects.get(candidate=assisted, offer=offer)
    [transition] = application.transitions.all()
    assert (application.on_behalf_by, transition.by, transition.on_behalf) == (user, user, True)
    assert assisted.on_behalf_actions.filter(kind=OnBehalfKind.APPLIED, details="Boulanger de nuit").exists()
    journal = AuditEntry.objects.get(details__on_behalf=OnBehalfKind.APPLIED)
    assert (journal.actor, journal.on_behalf_of, journal.target_id) == (user, assisted.user, str(assisted.pk))
    person = Client(HTTP_HOST=TERRITORY_DOMAIN)
    person.force_login(assisted.user)
    assert "pour vous par Nadia Accueil" in person.get("/candidat/candidatures/").content.decode()


def test_after_the_takeover_agents_can_no_longer_act_on_behalf(agent, assisted):
    client, _user = agent
    offer = OfferFactory(published=True)
    AssistedRegistration.objects.filter(candidate=assisted).update(taken_over_at=timezone.now())
    base = f"/gestion/candidats/{assisted.pk}"

    assert client.get(f"{base}/profil/domicile/").status_code == 403
    assert client.post(f"{base}/postuler/{offer.pk}/", {"cv_kind": "generated"}).status_code == 403
    assert client.post(f"{base}/fiche/").status_code == 403
    assert client.post(f"{base}/lien/").status_code == 403
    assert "La personne a repris son compte" in client.get(f"{base}/").content.decode()
    assert not Application.objects.filter(candidate=assisted).exists()


def test_a_password_set_another_way_also_ends_the_agents_access(agent, assisted):
    client, _user = agent
    assisted.user.set_password(PASSWORD)
    assisted.user.save()

    assert client.get(f"/gestion/candidats/{assisted.pk}/profil/domicile/").status_code == 403


# Who may do it


@pytest.mark.parametrize("role", STAFF)
def test_the_territory_s_agents_advisors_and_admins_act_for_the_person(login_as, assisted, role):
    client, _user = login_as(role)
    base = f"/gestion/candidats/{assisted.pk}"
    assert client.get("/gestion/candidats/nouveau/").status_code == 200
    assert client.get(f"{base}/").status_code == 200
    assert client.get(f"{base}/profil/domicile/").status_code == 200
    assert client.post(f"{base}/fiche/").status_code == 200


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.RECRUITER, Role.PARTNER])
def test_other_roles_are_refused(login_as, assisted, role):
    client, _user = login_as(role)
    base = f"/gestion/candidats/{assisted.pk}"
    for response in [
        client.get("/gestion/candidats/"),
        client.post("/gestion/candidats/nouveau/", form_data()),
        client.get(f"{base}/"),
        client.post(f"{base}/profil/competences/", {"skills": "x"}),
        client.post(f"{base}/fiche/"),
    ]:
        assert response.status_code == 403
    assert not Candidate.objects.filter(user__last_name="Vandenberghe").exists()


def test_anonymous_visitors_are_sent_to_the_login_page(portal_client, assisted):
    for url in ["/gestion/candidats/nouveau/", f"/gestion/candidats/{assisted.pk}/", "/gestion/candidats/"]:
        assert portal_client.get(url).url.startswith("/connexion/")
    assert portal_client.post(f"/gestion/candidats/{assisted.pk}/fiche/").url.startswith("/connexion/")


def test_another_territory_s_agent_cannot_reach_the_person(login_as, territory, other_territory, assisted):
    client, _user = login_as(Role.RECEPTION_AGENT, on=other_territory)
    base = f"/gestion/candidats/{assisted.pk}"
    assert client.get(f"{base}/").status_code == 404
    assert client.post(f"{base}/fiche/").status_code == 404
    assert client.post(f"{base}/profil/competences/", {"skills": "x"}).status_code == 404
    with territory:  # the requests left the other territory's schema active
        assert AssistedRegistration.objects.get(candidate=assisted).code_hash == ""


def test_a_profile_the_person_built_alone_is_not_open_to_agents(agent):
    client, _user = agent
    candidate = CandidateFactory()
    assert client.get(f"/gestion/candidats/{candidate.pk}/").status_code == 404
    assert client.post(f"/gestion/candidats/{candidate.pk}/fiche/").status_code == 404


def test_the_list_finds_people_by_name_in_a_fixed_number_of_queries(agent, snapshot_queries):
    client, _user = agent
    AssistedRegistrationFactory.create_batch(3)
    AssistedRegistrationFactory(candidate__user__last_name="Vandenberghe")

    with snapshot_queries():
        page = client.get("/gestion/candidats/").content.decode()
    found = client.get("/gestion/candidats/?q=vandenb").context["page"].object_list

    assert page.count("en attente de la personne") == 4
    assert [candidate.user.last_name for candidate in found] == ["Vandenberghe"]


def test_the_person_s_copy_of_their_data_holds_the_consent_and_what_was_done_for_them(agent, assisted):
    client, _user = agent
    client.post(f"/gestion/candidats/{assisted.pk}/profil/presentation/", {"presentation": "Ponctuel."})
    person = Client(HTTP_HOST=TERRITORY_DOMAIN)
    person.force_login(assisted.user)

    archive = zipfile.ZipFile(io.BytesIO(person.get("/candidat/mes-donnees/export.zip").content))
    data = json.loads(archive.read("donnees.json"))

    [registration] = data["inscription_accompagnee"]
    assert registration["consent_method"] == ConsentMethod.ORAL
    assert [(a["action"], a["par"]) for a in data["actions_faites_pour_vous"]] == [
        (OnBehalfKind.PROFILE_CHANGED, "Nadia Accueil")
    ]
