"""Advisors follow their candidates (portfolio, file, timeline), prospect employers and
check 1, 3 and 6 months after each hire that the person is still employed."""

import datetime

import pytest
from django.utils import timezone

from shared_apps.referentials.models import Commune
from tenant_apps.accounts.enums import Role
from tenant_apps.applications.enums import HireSource
from tenant_apps.applications.services import apply_transition, record_hire
from tenant_apps.followup import services
from tenant_apps.followup.enums import FollowUpStatus, InteractionKind
from tenant_apps.followup.models import EmployerContact, FollowUp, HireCheck, Interaction
from tenant_apps.offers.enums import OfferStatus
from tests.accounts.factories import UserFactory
from tests.applications.factories import ApplicationFactory
from tests.candidates.factories import CandidateFactory
from tests.employers.factories import EmployerFactory, MembershipFactory
from tests.forums.factories import RegistrationFactory
from tests.offers.factories import OfferFactory

HONDSCHOOTE = "59309"


def csv_rows(response):
    return [line.split(";") for line in response.content.decode("utf-8").lstrip("\ufeff").strip().splitlines()]


def test_the_portfolio_filters_by_advisor_situation_commune_occupation_mobility_contact_and_tag(advisor):
    client, me = advisor
    colleague = UserFactory(role=Role.ADVISOR)
    mine = CandidateFactory(user__first_name="Inès", occupations=["D1102"], driving_licence=True)
    services.update_followup(mine, advisor=me, status=FollowUpStatus.ACTIVE, tags=["RSA", "jeune"])
    theirs = CandidateFactory(user__first_name="Paul", commune=Commune.objects.get(insee=HONDSCHOOTE))
    services.update_followup(theirs, advisor=colleague, status=FollowUpStatus.TRAINING, tags=[])
    CandidateFactory(user__first_name="Zoé")  # new, nobody's
    services.record_interaction(
        theirs, kind=InteractionKind.CALL, text="Point formation", happened_at=timezone.now(), by=colleague
    )

    def names(**query):
        page = client.get("/conseiller/candidats/", query)
        assert page.status_code == 200
        return sorted(candidate.user.first_name for candidate in page.context["page"])

    assert names() == ["Inès", "Paul", "Zoé"]
    assert names(conseiller="moi") == ["Inès"]
    assert names(conseiller="aucun") == ["Zoé"]
    assert names(conseiller=str(colleague.pk)) == ["Paul"]
    assert names(situation="new") == ["Zoé"]
    assert names(situation="training") == ["Paul"]
    assert names(commune="Hondschoote") == ["Paul"]
    assert names(metier="boulanger") == ["Inès"]
    assert names(mobilite="permis") == ["Inès"]
    assert names(contact="30") == ["Inès", "Zoé"]
    assert names(etiquette="rsa") == ["Inès"]
    assert names(q="zoe") == ["Zoé"]


def test_an_unknown_commune_in_the_filters_is_a_field_error_not_a_crash(advisor):
    client, _me = advisor
    CandidateFactory()

    response = client.get("/conseiller/candidats/", {"commune": "Commune qui n'existe pas"})

    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert list(response.context["page"]) == []


def test_the_filtered_portfolio_exports_as_csv(advisor):
    client, me = advisor
    ines = CandidateFactory(user__first_name="Inès", user__last_name="Leclère", occupations=["D1102"])
    services.update_followup(ines, advisor=me, status=FollowUpStatus.ACTIVE, tags=[])
    CandidateFactory(user__first_name="Zoé")

    header, *rows = csv_rows(client.get("/conseiller/candidats/export.csv", {"conseiller": "moi"}))

    assert header[:3] == ["Nom", "Prénom", "E-mail"]
    assert rows == [
        [
            "Leclère",
            "Inès",
            ines.user.email,
            ines.phone,
            "Wormhout",
            "Boulanger / Boulangère",
            "En recherche active",
            "Claire Vanhove",
            "",
        ]
    ]


def test_the_advisor_assigns_tags_records_exchanges_and_reads_one_timeline(advisor):
    client, me = advisor
    agent = UserFactory(role=Role.RECEPTION_AGENT, first_name="Marc", last_name="Agent")
    candidate = CandidateFactory(user__first_name="Inès", created_by=agent)
    offer = OfferFactory(published=True, title="Boulanger")
    application = ApplicationFactory(candidate=candidate, offer=offer)
    apply_transition(application, "shortlist", by=MembershipFactory(employer=offer.employer).user)
    RegistrationFactory(candidate=candidate, forum__title="Forum de printemps")

    client.post(
        f"/conseiller/candidats/{candidate.pk}/suivi/",
        {"advisor": me.pk, "status": FollowUpStatus.ACTIVE, "tags": "RSA, Jeune, rsa"},
    )
    client.post(
        f"/conseiller/candidats/{candidate.pk}/echange/",
        {"kind": InteractionKind.APPOINTMENT, "happened_at": "2026-11-20T10:00", "text": "Atelier CV"},
    )
    client.post(
        f"/conseiller/candidats/{candidate.pk}/echange/",
        {"kind": InteractionKind.NOTE, "happened_at": "2026-11-25T10:00", "text": "Penser au permis"},
    )

    followup = FollowUp.objects.get(candidate=candidate)
    assert (followup.advisor, followup.status, followup.tags) == (me, FollowUpStatus.ACTIVE, ["jeune", "rsa"])
    assert followup.last_contact_at.date() == datetime.date(2026, 11, 20)  # a note is no contact
    page = client.get(f"/conseiller/candidats/{candidate.pk}/").content.decode()
    for seen in [
        "Profil créé avec un agent",
        "Atelier CV",
        "Penser au permis",
        "Présélectionnée",
        "Forum de printemps",
    ]:
        assert seen in page, seen
    labels = [entry.label for entry in services.timeline(candidate)]
    assert labels.index("Note") < labels.index("Rendez-vous")  # newest first


def test_an_exchange_without_text_is_refused_and_nothing_is_saved(advisor):
    client, _me = advisor
    candidate = CandidateFactory()

    response = client.post(
        f"/conseiller/candidats/{candidate.pk}/echange/", {"kind": InteractionKind.CALL, "happened_at": "x"}
    )

    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()
    assert not Interaction.objects.exists()
    assert not FollowUp.objects.exists()


def test_employers_show_their_last_contact_and_open_needs_and_advisors_record_contacts(advisor):
    client, _me = advisor
    bakery = EmployerFactory(name="Boulangerie Vandamme")
    OfferFactory(employer=bakery, published=True)
    OfferFactory(employer=bakery, status=OfferStatus.DRAFT)
    OfferFactory(employer=bakery, status=OfferStatus.FILLED)
    EmployerFactory(name="Garage Dewaele")

    client.post(
        f"/conseiller/employeurs/{bakery.pk}/",
        {"kind": InteractionKind.VISIT, "happened_at": "2026-11-10T09:00", "text": "Besoin d'un apprenti"},
    )

    overview = {employer.name: employer for employer in services.employers_overview()}
    assert overview["Boulangerie Vandamme"].open_needs == 2
    assert overview["Boulangerie Vandamme"].last_contact_at.date() == datetime.date(2026, 11, 10)
    assert (overview["Garage Dewaele"].open_needs, overview["Garage Dewaele"].last_contact_at) == (0, None)
    listed = client.get("/conseiller/employeurs/", {"besoins": "on"}).context["page"]
    assert [employer.name for employer in listed] == ["Boulangerie Vandamme"]
    never = client.get("/conseiller/employeurs/", {"contact": "jamais"}).context["page"]
    assert [employer.name for employer in never] == ["Garage Dewaele"]
    _header, *rows = csv_rows(client.get("/conseiller/employeurs/export.csv"))
    assert [row[0] for row in rows] == ["Boulangerie Vandamme", "Garage Dewaele"]
    assert EmployerContact.objects.get().text == "Besoin d'un apprenti"
    need_form = client.get("/conseiller/offres/nouvelle/", {"employeur": bakery.pk}).context["form"]
    assert str(need_form["employer"].value()) == str(bakery.pk)  # the need is recorded for this employer


def test_a_hire_is_checked_at_one_three_and_six_months_and_advisors_are_reminded_once(
    advisor, mailoutbox, django_capture_on_commit_callbacks
):
    client, me = advisor
    candidate = CandidateFactory(user__first_name="Inès")
    services.update_followup(candidate, advisor=me, status=FollowUpStatus.ACTIVE, tags=[])
    application = ApplicationFactory(candidate=candidate)
    hire = record_hire(
        application.offer,
        by=None,
        source=HireSource.PLATFORM,
        hired_on=datetime.date(2026, 1, 31),
        application=application,
    )
    record_hire(OfferFactory(published=True), by=None, source=HireSource.ELSEWHERE)  # nobody to follow

    assert [(check.months, check.due_on) for check in HireCheck.objects.order_by("months")] == [
        (1, datetime.date(2026, 2, 28)),
        (3, datetime.date(2026, 4, 30)),
        (6, datetime.date(2026, 7, 31)),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_check_reminders(base_url="http://test.localhost", today=datetime.date(2026, 3, 1)) == 1
        assert services.send_check_reminders(base_url="http://test.localhost", today=datetime.date(2026, 3, 1)) == 0
    [mail] = mailoutbox
    assert mail.to == [me.email] and mail.subject == "Un recrutement à vérifier"

    one_month = hire.checks.get(months=1)
    client.post(f"/conseiller/recrutements/{one_month.pk}/", {"still_employed": "1"})
    one_month.refresh_from_db()
    assert (one_month.still_employed, one_month.answered_by) == (True, me)
    assert FollowUp.objects.get(candidate=candidate).status == FollowUpStatus.EMPLOYED
    assert "toujours en poste" in client.get(f"/conseiller/candidats/{candidate.pk}/").content.decode()


def test_reminders_of_unassigned_candidates_go_to_every_advisor(
    territory, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = UserFactory(role=Role.ADVISOR), UserFactory(role=Role.ADVISOR)
    UserFactory(role=Role.ADVISOR, is_active=False)
    application = ApplicationFactory()
    record_hire(
        application.offer,
        by=None,
        source=HireSource.PLATFORM,
        hired_on=datetime.date(2026, 1, 5),
        application=application,
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.send_check_reminders(base_url="http://test.localhost", today=datetime.date(2026, 2, 10))

    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([first.email, second.email])


def test_the_lists_run_a_fixed_number_of_queries(advisor, snapshot_queries):
    client, me = advisor
    for index in range(3):
        candidate = CandidateFactory(occupations=["D1102"])
        services.update_followup(candidate, advisor=me, status=FollowUpStatus.ACTIVE, tags=[f"t{index}"])
        OfferFactory(employer=EmployerFactory(), published=True)

    with snapshot_queries("_portfolio"):
        assert client.get("/conseiller/candidats/").status_code == 200
    with snapshot_queries("_employers"):
        assert client.get("/conseiller/employeurs/").status_code == 200


# Who may do what

PAGES = [
    "/conseiller/candidats/",
    "/conseiller/candidats/export.csv",
    "/conseiller/candidats/{candidate}/",
    "/conseiller/employeurs/",
    "/conseiller/employeurs/export.csv",
    "/conseiller/employeurs/{employer}/",
    "/conseiller/recrutements/",
    "/conseiller/offres/",
    "/conseiller/offres/export.csv",
    "/conseiller/candidatures/",
    "/conseiller/candidatures/export.csv",
]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.CANDIDATE, 403),
        (Role.RECRUITER, 403),
        (Role.PARTNER, 403),
        (Role.RECEPTION_AGENT, 403),
        (Role.ADVISOR, 200),
        (Role.TERRITORY_ADMIN, 200),
    ],
)
def test_follow_up_pages_by_role(login_as, role, status):
    client, _user = login_as(role)
    ids = {"candidate": CandidateFactory().pk, "employer": EmployerFactory().pk}

    for page in PAGES:
        assert client.get(page.format(**ids)).status_code == status, page


def test_lower_roles_and_anonymous_visitors_cannot_write_in_a_file(login_as, portal_client):
    candidate = CandidateFactory()
    employer = EmployerFactory()
    recruiter, _user = login_as(Role.RECRUITER)
    writes = [
        (f"/conseiller/candidats/{candidate.pk}/suivi/", {"status": "employed", "tags": "x"}),
        (
            f"/conseiller/candidats/{candidate.pk}/echange/",
            {"kind": "note", "happened_at": "2026-11-20T10:00", "text": "x"},
        ),
        (f"/conseiller/employeurs/{employer.pk}/", {"kind": "call", "happened_at": "2026-11-20T10:00", "text": "x"}),
    ]

    for url, data in writes:
        assert recruiter.post(url, data).status_code == 403, url
        assert portal_client.post(url, data).status_code == 302, url  # to the login page
    assert not FollowUp.objects.exists() and not Interaction.objects.exists() and not EmployerContact.objects.exists()


def test_another_territory_reaches_no_file_of_this_one(login_as, territory, other_territory):
    candidate = CandidateFactory()
    employer = EmployerFactory()
    application = ApplicationFactory(candidate=candidate)
    hire = record_hire(application.offer, by=None, source=HireSource.PLATFORM, application=application)
    check = hire.checks.first()
    advisor, _user = login_as(Role.ADVISOR, on=other_territory)

    for page in PAGES[2:3] + PAGES[5:6]:
        assert advisor.get(page.format(candidate=candidate.pk, employer=employer.pk)).status_code == 404, page
    assert advisor.post(f"/conseiller/candidats/{candidate.pk}/suivi/", {"status": "employed"}).status_code == 404
    assert advisor.post(f"/conseiller/recrutements/{check.pk}/", {"still_employed": "1"}).status_code == 404
    assert candidate.user.first_name not in advisor.get("/conseiller/candidats/").content.decode()
    with territory:
        check.refresh_from_db()
        assert check.answered_at is None
        assert not FollowUp.objects.exists()
