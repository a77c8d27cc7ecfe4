"""The annual job forum: employers bring offers, candidates register (online or at the desk),
staff check them in on the day, export the lists per employer and credit the hires."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tenant_apps.accounts.enums import Role
from tenant_apps.applications.enums import HireSource
from tenant_apps.applications.services import record_hire
from tenant_apps.forums import services
from tenant_apps.forums.models import Forum, ForumHire, Participant, Registration
from tests.applications.factories import ApplicationFactory
from tests.candidates.factories import CandidateFactory
from tests.employers.factories import EmployerFactory
from tests.forums.factories import ForumFactory, ForumHireFactory, ParticipantFactory, RegistrationFactory
from tests.offers.factories import OfferFactory

BASE_URL = "http://test.localhost"


@pytest.fixture
def candidate_client(territory):
    candidate = CandidateFactory(user__first_name="Inès", user__last_name="Leclère")
    client = Client(HTTP_HOST=territory.primary_domain)
    client.force_login(candidate.user)
    return client, candidate


def csv_lines(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return [line.split(";") for line in text[1:].strip().splitlines()]


# Candidates


def test_a_candidate_registers_choosing_employers_and_gets_a_confirmation(
    candidate_client, mailoutbox, django_capture_on_commit_callbacks
):
    client, candidate = candidate_client
    bakery = ParticipantFactory(employer__name="Boulangerie Vandamme", stand="B2")
    ParticipantFactory(forum=bakery.forum)
    forum = bakery.forum

    page = client.get(f"/forums/{forum.pk}/").content.decode()
    assert "Boulangerie Vandamme" in page and "Je m'inscris" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/forums/{forum.pk}/inscription/", {"employers": [bakery.pk]}, follow=True)

    assert "Vous êtes inscrit(e)" in response.content.decode()
    registration = Registration.objects.get(forum=forum, candidate=candidate)
    assert list(registration.employers.all()) == [bakery]
    assert registration.registered_by is None
    [mail] = mailoutbox
    assert mail.subject == f"Votre inscription au {forum.title}"
    assert "Boulangerie Vandamme (stand B2)" in mail.body
    assert f"{BASE_URL}/forums/{forum.pk}/" in mail.body


def test_registering_twice_or_when_closed_is_refused_with_a_message(candidate_client):
    client, _candidate = candidate_client
    forum = ForumFactory()
    client.post(f"/forums/{forum.pk}/inscription/")

    response = client.post(f"/forums/{forum.pk}/inscription/", follow=True)
    assert Registration.objects.filter(forum=forum).count() == 1
    assert "Vous êtes inscrit(e) depuis le" in response.content.decode()

    closed = ForumFactory(registration_open=False)
    response = client.post(f"/forums/{closed.pk}/inscription/", follow=True)
    assert "Les inscriptions à ce forum sont closes." in response.content.decode()
    assert not Registration.objects.filter(forum=closed).exists()


def test_an_employer_of_another_forum_cannot_be_chosen(candidate_client):
    client, _candidate = candidate_client
    forum = ForumFactory()
    elsewhere = ParticipantFactory()

    response = client.post(f"/forums/{forum.pk}/inscription/", {"employers": [elsewhere.pk]}, follow=True)

    assert "n&#x27;est pas valable" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_candidate_cancels_before_the_forum_but_not_after(candidate_client):
    client, candidate = candidate_client
    coming = RegistrationFactory(candidate=candidate)
    past = RegistrationFactory(candidate=candidate, forum=ForumFactory(past=True))

    client.post(f"/forums/{coming.forum.pk}/desinscription/")
    response = client.post(f"/forums/{past.forum.pk}/desinscription/", follow=True)

    assert not Registration.objects.filter(pk=coming.pk).exists()
    assert Registration.objects.filter(pk=past.pk).exists()
    assert "Le forum est passé" in response.content.decode()


def test_the_public_list_shows_coming_forums_and_the_page_invites_visitors_to_log_in(portal_client):
    coming = ForumFactory(title="Forum de printemps")
    ForumFactory(title="Forum d'il y a dix jours", past=True)

    page = portal_client.get("/forums/").content.decode()
    assert "Forum de printemps" in page
    assert "il y a dix jours" not in page
    detail = portal_client.get(f"/forums/{coming.pk}/").content.decode()
    assert "Connectez-vous pour vous inscrire" in detail
    assert portal_client.post(f"/forums/{coming.pk}/inscription/").status_code == 302  # to the login page
    assert not Registration.objects.exists()


# The organisers


def forum_data(**overrides):
    data = {
        "title": "Forum emploi 2027",
        "starts_at": "2027-03-18T09:00",
        "ends_at": "2027-03-18T13:00",
        "place": "Salle des sports",
        "address": "",
        "commune": "Wormhout",
        "description": "Venez avec votre CV.",
        "registration_open": "on",
    }
    return data | overrides


def test_an_advisor_creates_a_forum_and_bad_input_gets_field_errors(login_as):
    client, advisor = login_as(Role.ADVISOR)

    response = client.post("/gestion/forums/nouveau/", forum_data(ends_at="2027-03-18T08:00", commune="Lille"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "La fin doit être après le début." in page
    assert not Forum.objects.exists()

    response = client.post("/gestion/forums/nouveau/", forum_data())
    forum = Forum.objects.get()
    assert response.url == f"/gestion/forums/{forum.pk}/"
    assert (forum.commune.name, forum.created_by, forum.ends_at - forum.starts_at) == (
        "Wormhout",
        advisor,
        datetime.timedelta(hours=4),
    )


def test_the_forum_commune_must_be_one_of_the_territory(login_as):
    client, _advisor = login_as(Role.ADVISOR)

    response = client.post("/gestion/forums/nouveau/", forum_data(commune="Lille (59000)"))

    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert not Forum.objects.exists()


def test_an_employer_joins_then_chooses_among_its_own_published_offers(login_as):
    client, _advisor = login_as(Role.ADVISOR)
    forum = ForumFactory()
    bakery = EmployerFactory(name="Boulangerie Vandamme")
    baker = OfferFactory(employer=bakery, published=True, title="Boulanger")
    OfferFactory(employer=bakery, title="Brouillon de vendeur")
    someone_elses = OfferFactory(published=True, title="Soudeur")

    response = client.post(f"/gestion/forums/{forum.pk}/employeurs/", {"employer": bakery.pk, "stand": "C1"})
    participant = Participant.objects.get(forum=forum)
    assert response.url == f"/gestion/forums/{forum.pk}/employeurs/{participant.pk}/"
    page = client.get(response.url).content.decode()
    assert "Boulanger" in page and "Brouillon" not in page and "Soudeur" not in page

    response = client.post(response.url, {"offers": [baker.pk, someone_elses.pk]})
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert not participant.offers.exists()
    client.post(f"/gestion/forums/{forum.pk}/employeurs/{participant.pk}/", {"offers": [baker.pk]})
    assert (list(participant.offers.all()), participant.stand) == ([baker], "C1")
    public = Client(HTTP_HOST="test.localhost").get(f"/forums/{forum.pk}/").content.decode()
    assert "Boulangerie Vandamme" in public and "Boulanger" in public


def test_an_unknown_employer_is_a_field_error(login_as):
    client, _advisor = login_as(Role.ADVISOR)
    forum = ForumFactory()

    response = client.post(f"/gestion/forums/{forum.pk}/employeurs/", {"employer": 999999})

    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()
    assert not Participant.objects.exists()


def test_a_reception_agent_finds_a_person_without_accents_and_registers_them(login_as):
    client, agent = login_as(Role.RECEPTION_AGENT)
    forum = ForumFactory()
    person = CandidateFactory(user__first_name="Inès", user__last_name="Leclère")

    page = client.get(f"/gestion/forums/{forum.pk}/inscrire/", {"q": "leclere"}).content.decode()
    assert "Inès Leclère" in page
    client.post(f"/gestion/forums/{forum.pk}/inscrire/", {"candidate": person.pk})

    registration = Registration.objects.get(forum=forum)
    assert (registration.candidate, registration.registered_by) == (person, agent)
    again = client.get(f"/gestion/forums/{forum.pk}/inscrire/", {"q": "leclere"}).content.decode()
    assert "Aucune personne non inscrite ne correspond" in again  # she is registered now


def test_people_are_checked_in_at_the_door_once_and_a_mistake_can_be_undone(login_as):
    client, agent = login_as(Role.RECEPTION_AGENT)
    forum = ForumFactory()
    ines = RegistrationFactory(forum=forum, candidate__user__first_name="Inès", candidate__user__last_name="Leclère")
    RegistrationFactory(forum=forum, candidate__user__first_name="Paul", candidate__user__last_name="Dewaele")

    filtered = client.get(f"/gestion/forums/{forum.pk}/pointage/", {"q": "lecl"}).content.decode()
    assert "Inès Leclère" in filtered and "Paul Dewaele" not in filtered
    response = client.post(f"/gestion/forums/{forum.pk}/pointage/{ines.pk}/", {"q": "lecl"})
    assert response.url == f"/gestion/forums/{forum.pk}/pointage/?q=lecl#inscription-{ines.pk}"
    ines.refresh_from_db()
    first_time = ines.attended_at
    assert (first_time is not None, ines.checked_in_by) == (True, agent)

    client.post(f"/gestion/forums/{forum.pk}/pointage/{ines.pk}/")  # a second agent taps it too
    ines.refresh_from_db()
    assert ines.attended_at == first_time
    page = client.get(f"/gestion/forums/{forum.pk}/pointage/").content.decode()
    assert "1 présents sur 2 inscrits" in page

    client.post(f"/gestion/forums/{forum.pk}/pointage/{ines.pk}/", {"present": "0"})
    ines.refresh_from_db()
    assert ines.attended_at is None


def test_the_export_per_employer_lists_who_wants_to_meet_it_and_respects_hidden_contacts(login_as):
    client, _advisor = login_as(Role.ADVISOR)
    bakery = ParticipantFactory(employer__name="Boulangerie Vandamme")
    forum = bakery.forum
    visible = RegistrationFactory(
        forum=forum, candidate__user__first_name="Inès", candidate__user__last_name="=HYPERLINK(1)", attended=True
    )
    visible.employers.add(bakery)
    hidden = RegistrationFactory(
        forum=forum,
        candidate__user__first_name="Paul",
        candidate__user__last_name="Dewaele",
        candidate__hide_contact=True,
    )
    hidden.employers.add(bakery)
    RegistrationFactory(forum=forum, candidate__user__first_name="Zoé")  # meets nobody in particular

    response = client.get(f"/gestion/forums/{forum.pk}/inscriptions.csv", {"employeur": bakery.pk})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, *rows = csv_lines(response)
    assert header[:2] == ["Nom", "Prénom"]
    by_first_name = {row[1]: row for row in rows}
    assert set(by_first_name) == {"Inès", "Paul D."}
    assert by_first_name["Inès"][0] == "'=HYPERLINK(1)"  # defused for spreadsheets
    assert by_first_name["Inès"][4] == visible.candidate.user.email
    assert by_first_name["Inès"][-1] == "oui"
    assert by_first_name["Paul D."][0] == "" and by_first_name["Paul D."][4:6] == ["", ""]
    everyone = csv_lines(client.get(f"/gestion/forums/{forum.pk}/inscriptions.csv"))
    assert len(everyone) == 4
    other_forum = ParticipantFactory()
    assert client.get(f"/gestion/forums/{forum.pk}/inscriptions.csv", {"employeur": other_forum.pk}).status_code == 404


def test_hires_of_people_who_came_by_employers_present_are_suggested_then_credited_once(login_as):
    client, advisor = login_as(Role.ADVISOR)
    bakery = ParticipantFactory(forum=ForumFactory(past=True))
    forum = bakery.forum
    came = RegistrationFactory(forum=forum, attended=True)
    stayed_home = RegistrationFactory(forum=forum)
    offer = OfferFactory(employer=bakery.employer, published=True, positions=3)
    hire = record_hire(
        offer,
        by=None,
        source=HireSource.PLATFORM,
        application=ApplicationFactory(offer=offer, candidate=came.candidate),
    )
    record_hire(
        offer,
        by=None,
        source=HireSource.PLATFORM,
        application=ApplicationFactory(offer=offer, candidate=stayed_home.candidate),
    )
    record_hire(
        OfferFactory(published=True),
        by=None,
        source=HireSource.PLATFORM,
        application=ApplicationFactory(candidate=came.candidate),
    )

    assert list(services.hire_suggestions(forum)) == [hire]
    page = client.get(f"/gestion/forums/{forum.pk}/").content.decode()
    assert "Recrutements enregistrés sur le portail depuis le forum" in page

    client.post(f"/gestion/forums/{forum.pk}/recrutements/", {"hire": hire.pk})
    credit = ForumHire.objects.get()
    assert (credit.registration, credit.participant, credit.hire, credit.recorded_by) == (came, bakery, hire, advisor)
    assert list(services.hire_suggestions(forum)) == []
    response = client.post(f"/gestion/forums/{forum.pk}/recrutements/", {"hire": hire.pk}, follow=True)
    assert ForumHire.objects.count() == 1
    assert "ne peut pas être attribué" in response.content.decode()


def test_a_hire_made_outside_the_portal_is_credited_by_hand_but_not_before_the_forum(login_as):
    client, _advisor = login_as(Role.ADVISOR)
    bakery = ParticipantFactory(forum=ForumFactory(past=True))
    forum = bakery.forum
    came = RegistrationFactory(forum=forum, attended=True)
    before = (forum.starts_at - datetime.timedelta(days=3)).date().isoformat()
    data = {"registration": came.pk, "participant": bakery.pk}

    response = client.post(f"/gestion/forums/{forum.pk}/recrutements/", data | {"hired_on": before}, follow=True)
    assert "antérieur au forum" in response.content.decode()
    assert client.post(f"/gestion/forums/{forum.pk}/recrutements/", data).status_code == 400  # no date
    client.post(f"/gestion/forums/{forum.pk}/recrutements/", data | {"hired_on": timezone.localdate().isoformat()})

    assert ForumHire.objects.get().hire is None
    with pytest.raises(services.ForumError):
        services.credit_hire(forum, RegistrationFactory(attended=True), bakery, hired_on=timezone.localdate(), by=None)


def test_the_organiser_pages_run_a_fixed_number_of_queries(login_as, snapshot_queries):
    client, _advisor = login_as(Role.ADVISOR)
    forum = ForumFactory(past=True)
    for _index in range(3):
        participant = ParticipantFactory(forum=forum)
        participant.offers.add(OfferFactory(employer=participant.employer, published=True))
        participant.offers.add(OfferFactory(employer=participant.employer, published=True))
        registration = RegistrationFactory(forum=forum, attended=True)
        registration.employers.add(participant)
    ForumHireFactory(registration=registration, participant=participant)

    with snapshot_queries("_detail"):
        assert client.get(f"/gestion/forums/{forum.pk}/").status_code == 200
    with snapshot_queries("_check_in"):
        assert client.get(f"/gestion/forums/{forum.pk}/pointage/").status_code == 200
    with snapshot_queries("_export"):
        assert len(csv_lines(client.get(f"/gestion/forums/{forum.pk}/inscriptions.csv"))) == 4


# Who may do what

DESK_PAGES = [
    "/gestion/forums/",
    "/gestion/forums/{pk}/",
    "/gestion/forums/{pk}/pointage/",
    "/gestion/forums/{pk}/inscrire/",
]
ORGANISER_PAGES = [
    "/gestion/forums/nouveau/",
    "/gestion/forums/{pk}/employeurs/{participant}/",
    "/gestion/forums/{pk}/modifier/",
    "/gestion/forums/{pk}/inscriptions.csv",
]


@pytest.mark.parametrize(
    ("role", "desk", "organiser"),
    [
        (Role.CANDIDATE, 403, 403),
        (Role.RECRUITER, 403, 403),
        (Role.PARTNER, 403, 403),
        (Role.RECEPTION_AGENT, 200, 403),
        (Role.ADVISOR, 200, 200),
        (Role.TERRITORY_ADMIN, 200, 200),
    ],
)
def test_staff_pages_by_role(login_as, role, desk, organiser):
    client, _user = login_as(role)
    participant = ParticipantFactory()
    ids = {"pk": participant.forum.pk, "participant": participant.pk}

    for page in DESK_PAGES:
        assert client.get(page.format(**ids)).status_code == desk, page
    for page in ORGANISER_PAGES:
        assert client.get(page.format(**ids)).status_code == organiser, page


def test_staff_actions_are_refused_to_lower_roles_and_anonymous_visitors(login_as, portal_client):
    forum = ForumFactory()
    registration = RegistrationFactory(forum=forum)
    participant = ParticipantFactory(forum=forum)
    agent, _user = login_as(Role.RECEPTION_AGENT)
    candidate, _user = login_as(Role.CANDIDATE)
    actions = [
        (f"/gestion/forums/{forum.pk}/employeurs/", {"employer": EmployerFactory().pk}),
        (f"/gestion/forums/{forum.pk}/employeurs/{participant.pk}/retirer/", {}),
        (f"/gestion/forums/{forum.pk}/recrutements/", {}),
    ]

    for url, data in actions:
        assert agent.post(url, data).status_code == 403, url
    for url in [f"/gestion/forums/{forum.pk}/pointage/{registration.pk}/", f"/gestion/forums/{forum.pk}/inscrire/"]:
        assert candidate.post(url, {"candidate": registration.candidate.pk}).status_code == 403, url
        assert portal_client.post(url).status_code == 302, url  # to the login page
    assert portal_client.get("/gestion/forums/").status_code == 302
    assert Participant.objects.count() == 1
    registration.refresh_from_db()
    assert registration.attended_at is None


def test_another_territory_sees_nothing_of_this_one(login_as, territory, other_territory, other_portal_client):
    participant = ParticipantFactory()
    forum = participant.forum
    registration = RegistrationFactory(forum=forum)
    advisor, _user = login_as(Role.ADVISOR, on=other_territory)

    assert other_portal_client.get(f"/forums/{forum.pk}/").status_code == 404
    assert "Forum emploi des Hauts de Flandre" not in other_portal_client.get("/forums/").content.decode()
    for page in [*DESK_PAGES[1:], *ORGANISER_PAGES[1:]]:
        assert advisor.get(page.format(pk=forum.pk, participant=participant.pk)).status_code == 404, page
    assert advisor.post(f"/gestion/forums/{forum.pk}/pointage/{registration.pk}/").status_code == 404
    with territory:  # the requests left the connection in the other territory's schema
        registration.refresh_from_db()
    assert registration.attended_at is None
