"""On a phone, a candidate signs up, builds a profile, applies with the generated CV; the
recruiter shortlists and hires; the candidate sees it."""

import re

import pytest
from django.core import mail

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenants.models import Territory
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.conftest import TERRITORY_EPCI
from tests.e2e.conftest import DESKTOP, PHONE
from tests.employers.factories import EmployerFactory, MembershipFactory
from tests.offers.factories import OfferFactory

CANDIDATE_EMAIL = "lea.e2e@example.org"
RECRUITER_EMAIL = "rh.e2e@ehpad.example.org"


@pytest.fixture
def offer(live_server_port):
    """Committed data (the live server cannot see a test transaction), removed afterwards."""
    territory = Territory.objects.get(epci_siren=TERRITORY_EPCI)
    with territory:
        employer = EmployerFactory(name="EHPAD des Moulins")
        MembershipFactory(employer=employer, user=UserFactory(email=RECRUITER_EMAIL, role=Role.RECRUITER))
        offer = OfferFactory(employer=employer, published=True, title="Aide-soignant de jour")
    yield offer
    with territory:
        employer.offers.all().delete()
        employer.delete()
        User.objects.filter(email__in=[CANDIDATE_EMAIL, RECRUITER_EMAIL]).delete()


def test_a_candidate_applies_from_a_phone_and_is_hired(browser, live_server_port, offer):
    territory = Territory.objects.prefetch_related("domains").get(epci_siren=TERRITORY_EPCI)
    portal = f"http://{territory.primary_domain}:{live_server_port}"
    mail.outbox.clear()

    phone = browser.new_page(**PHONE)
    phone.goto(f"{portal}/candidat/inscription/")
    phone.get_by_role("textbox", name="Prénom", exact=True).fill("Léa")
    phone.get_by_role("textbox", name="Nom", exact=True).fill("Dumoulin")
    phone.get_by_role("textbox", name="Adresse e-mail", exact=True).fill(CANDIDATE_EMAIL)
    phone.locator("#id_password1").fill("Soigner-a-Wormhout-59!")
    phone.locator("#id_password2").fill("Soigner-a-Wormhout-59!")
    phone.get_by_role("button", name="Créer mon compte").click()
    assert phone.get_by_role("heading", name="Vérifiez votre messagerie").is_visible()
    phone.goto(re.search(r"http://\S+/compte/verifier/\S+", mail.outbox[-1].body).group(0))

    phone.get_by_role("link", name="Continuer : Domicile et mobilité").click()
    phone.get_by_label(re.compile("^Commune de résidence")).fill("Wormhout")
    phone.get_by_role("checkbox", name=re.compile("^Uniquement en transports")).check()
    phone.get_by_role("button", name="Enregistrer et continuer").click()
    phone.get_by_label(re.compile("^Métier recherché")).fill("Aide-soignant")
    phone.get_by_role("button", name="Enregistrer et continuer").click()
    phone.get_by_label(re.compile("^Poste occupé")).fill("Aide-soignante")
    phone.get_by_label(re.compile("^Employeur")).fill("EHPAD Les Tilleuls")
    phone.get_by_label(re.compile("^Année de début")).fill("2018")
    phone.get_by_role("button", name="Enregistrer et continuer").click()
    assert phone.get_by_text("« Expériences » enregistré.").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    # The generated CV, fetched by the page itself (its session, its host resolution).
    cv = phone.evaluate(
        """fetch('/candidat/cv-genere.pdf').then(async (response) => [
            response.headers.get('content-type'),
            new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5)),
        ])"""
    )
    assert cv == ["application/pdf", "%PDF-"]

    phone.goto(f"{portal}/offres/{offer.pk}/")
    phone.get_by_role("link", name="Postuler", exact=True).click()
    phone.get_by_role("textbox", name=re.compile("^Votre message")).fill("Disponible dès lundi.")
    phone.get_by_role("button", name="Envoyer ma candidature").click()
    assert phone.get_by_text("Candidature envoyée").is_visible()

    recruiter = browser.new_page(**DESKTOP)
    recruiter.goto(f"{portal}/connexion/")
    recruiter.locator("#id_username").fill(RECRUITER_EMAIL)
    recruiter.locator("#id_password").fill(DEFAULT_PASSWORD)
    recruiter.locator("main").get_by_role("button").click()
    recruiter.goto(f"{portal}/employeur/candidatures/offre/{offer.pk}/")
    recruiter.get_by_role("link", name=re.compile("^Léa Dumoulin")).click()
    recruiter.get_by_role("button", name="Présélectionner").click()
    recruiter.get_by_role("button", name="Recruter").click()
    assert recruiter.get_by_text("le candidat est prévenu").is_visible()
    recruiter.close()

    phone.goto(f"{portal}/candidat/candidatures/")
    assert "Recrutement" in phone.locator("main").inner_text()
    phone.close()
