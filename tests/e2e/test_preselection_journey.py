"""On a tablet, a reception agent registers a person in assisted mode; an advisor proposes
that person for an offer; the employer reads the proposal and accepts it; the application
appears, already shortlisted."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.applications.enums import ApplicationStatus
from tenant_apps.proposals.models import Proposal
from tenants.models import Territory
from tests.accounts.factories import DEFAULT_PASSWORD, TOTPDeviceFactory, UserFactory, totp
from tests.conftest import TERRITORY_EPCI
from tests.e2e.conftest import DESKTOP
from tests.employers.factories import EmployerFactory, MembershipFactory
from tests.offers.factories import OfferFactory

AGENT_EMAIL = "accueil.preselection.e2e@cc-hauts-de-flandre.example.org"
ADVISOR_EMAIL = "conseillere.e2e@cc-hauts-de-flandre.example.org"
RECRUITER_EMAIL = "patron.e2e@boulangerie.example.org"
CANDIDATE_EMAIL = "ines.e2e@example.org"
TABLET = {"viewport": {"width": 820, "height": 1180}, "is_mobile": True, "has_touch": True, "locale": "fr-FR"}


@pytest.fixture
def offer(live_server_port):
    """Committed data (the live server cannot see a test transaction), removed afterwards."""
    territory = Territory.objects.get(epci_siren=TERRITORY_EPCI)
    with territory:
        # Their authenticator apps.
        TOTPDeviceFactory(user=UserFactory(email=AGENT_EMAIL, role=Role.RECEPTION_AGENT))
        TOTPDeviceFactory(user=UserFactory(email=ADVISOR_EMAIL, role=Role.ADVISOR))
        employer = EmployerFactory(name="Boulangerie Vandamme")
        MembershipFactory(employer=employer, user=UserFactory(email=RECRUITER_EMAIL, role=Role.RECRUITER))
        offer = OfferFactory(employer=employer, published=True, title="Boulanger de nuit")
    yield offer
    with territory:
        Proposal.objects.filter(offer=offer).delete()
        employer.offers.all().delete()
        employer.delete()
        User.objects.filter(email__in=[AGENT_EMAIL, ADVISOR_EMAIL, RECRUITER_EMAIL, CANDIDATE_EMAIL]).delete()


def log_in(page, portal, email, device=None):
    page.goto(f"{portal}/connexion/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main").get_by_role("button").click()
    if device is not None:  # staff roles then give the code of their authenticator app
        page.get_by_role("textbox", name="Code").fill(totp(device))
        page.get_by_role("button", name="Vérifier").click()


def test_an_agent_registers_a_person_an_advisor_proposes_them_and_the_employer_accepts(
    browser, live_server_port, offer
):
    territory = Territory.objects.prefetch_related("domains").get(epci_siren=TERRITORY_EPCI)
    portal = f"http://{territory.primary_domain}:{live_server_port}"
    with territory:
        agent_device = TOTPDevice.objects.get(user__email=AGENT_EMAIL)
        advisor_device = TOTPDevice.objects.get(user__email=ADVISOR_EMAIL)

    tablet = browser.new_page(**TABLET)
    log_in(tablet, portal, AGENT_EMAIL, agent_device)
    tablet.goto(f"{portal}/gestion/candidats/nouveau/")
    tablet.get_by_label("Prénom").fill("Inès")
    tablet.locator("#id_identity-last_name").fill("Lemaire")
    tablet.get_by_label("Adresse e-mail").fill(CANDIDATE_EMAIL)
    tablet.get_by_label("Commune de résidence").fill("Wormhout")
    tablet.get_by_label("Métier recherché").fill("Boulanger")
    tablet.get_by_role("radio", name="Oui").check()
    tablet.get_by_role("radio", name="Oral, en présence de l'agent").check()
    tablet.get_by_role("button", name="Créer le profil").click()
    assert tablet.get_by_text("Profil créé").first.is_visible()
    tablet.close()

    tablet = browser.new_page(**TABLET)
    log_in(tablet, portal, ADVISOR_EMAIL, advisor_device)
    tablet.goto(f"{portal}/employeur/offres/{offer.pk}/")
    tablet.get_by_role("link", name="Proposer des candidats").click()
    tablet.get_by_role("checkbox", name=re.compile("Inès")).check()
    tablet.get_by_role("textbox", name=re.compile("^Message à l'employeur")).fill("Motivée, habite à Wormhout.")
    tablet.get_by_role("button", name="Proposer à l'employeur").click()
    assert tablet.get_by_text("1 personne(s) proposée(s) à l'employeur.").is_visible()
    assert tablet.evaluate("document.documentElement.scrollWidth") <= TABLET["viewport"]["width"]
    tablet.close()

    desktop = browser.new_page(**DESKTOP)
    log_in(desktop, portal, RECRUITER_EMAIL)
    desktop.goto(f"{portal}/employeur/candidatures/offre/{offer.pk}/")
    desktop.get_by_role("link", name=re.compile("^Inès")).click()
    assert desktop.get_by_text("Motivée, habite à Wormhout.").is_visible()
    desktop.get_by_role("button", name="Rencontrer cette personne").click()
    assert desktop.get_by_text("la candidature est présélectionnée").is_visible()
    desktop.close()

    with territory:
        application = Proposal.objects.get(offer=offer).application
        assert application.status == ApplicationStatus.SHORTLISTED
        application.delete()
