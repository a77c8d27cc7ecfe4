"""On a tablet, a reception agent builds the profile of a person without e-mail with them,
prints the activation sheet; the person then takes the account over with the sheet's code
on their phone and finds, in their space, what was done for them."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.candidates.models import Candidate
from tenants.models import Territory
from tests.accounts.factories import TOTPDeviceFactory, UserFactory
from tests.conftest import TERRITORY_EPCI
from tests.e2e.conftest import PHONE
from tests.e2e.test_preselection_journey import TABLET, log_in

AGENT_EMAIL = "accueil.e2e@cc-hauts-de-flandre.example.org"
PERSON_EMAIL = "marcel.e2e@example.org"
PASSWORD = "Reprendre-mon-compte-59!"


@pytest.fixture
def agent_device(live_server_port):
    """Committed data (the live server cannot see a test transaction), removed afterwards."""
    territory = Territory.objects.get(epci_siren=TERRITORY_EPCI)
    with territory:
        TOTPDeviceFactory(user=UserFactory(email=AGENT_EMAIL, role=Role.RECEPTION_AGENT, first_name="Nadia"))
    yield
    with territory:
        User.objects.filter(last_name="Vandenberghe-E2E").delete()
        User.objects.filter(email=AGENT_EMAIL).delete()


def test_an_agent_creates_a_profile_with_a_person_who_takes_it_over_with_the_sheet(
    browser, live_server_port, agent_device
):
    territory = Territory.objects.prefetch_related("domains").get(epci_siren=TERRITORY_EPCI)
    portal = f"http://{territory.primary_domain}:{live_server_port}"

    tablet = browser.new_page(**TABLET)
    with territory:
        device = TOTPDevice.objects.get(user__email=AGENT_EMAIL)
    log_in(tablet, portal, AGENT_EMAIL, device)
    tablet.get_by_role("link", name="Inscriptions accompagnées").click()
    tablet.get_by_role("link", name="Créer un profil avec une personne").click()
    assert tablet.evaluate("document.documentElement.scrollWidth") <= TABLET["viewport"]["width"]
    tablet.get_by_label("Prénom").fill("Marcel")
    tablet.locator("#id_identity-last_name").fill("Vandenberghe-E2E")
    tablet.get_by_label("Téléphone").fill("06 11 22 33 44")
    tablet.get_by_label("Commune de résidence").fill("Wormhout")
    tablet.get_by_label("Métier recherché").fill("Aide-soignant")
    tablet.get_by_role("button", name="Créer le profil").click()
    # Not answered: the CVthèque question has no default.
    assert tablet.get_by_text("Posez la question et cochez sa réponse.").is_visible()
    tablet.get_by_role("radio", name="Oui").check()
    tablet.get_by_role("radio", name="Oral, en présence de l'agent").check()
    tablet.get_by_role("button", name="Créer le profil").click()
    assert tablet.get_by_text("imprimez la fiche d'activation").is_visible()
    assert tablet.evaluate("document.documentElement.scrollWidth") <= TABLET["viewport"]["width"]
    tablet.get_by_role("button", name="Imprimer la fiche d'activation").click()
    file_number = tablet.locator("[data-file-number]").inner_text()
    code = tablet.locator("[data-code]").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    tablet.emulate_media(media="print")
    assert not tablet.locator(".site-header").is_visible()
    assert tablet.get_by_role("heading", name=re.compile("Votre compte sur le portail emploi")).is_visible()
    tablet.close()

    phone = browser.new_page(**PHONE)
    phone.goto(f"{portal}/compte/activer/")
    phone.get_by_label("Numéro de dossier").fill(file_number)
    phone.get_by_label("Code d'activation").fill(code.lower())
    phone.get_by_label("Votre adresse e-mail").fill(PERSON_EMAIL)
    phone.locator("#id_password1").fill(PASSWORD)
    phone.get_by_label("Confirmation").fill(PASSWORD)
    phone.get_by_role("button", name="Activer mon compte").click()
    phone.goto(f"{portal}/connexion/")
    phone.locator("#id_username").fill(PERSON_EMAIL)
    phone.locator("#id_password").fill(PASSWORD)
    phone.locator("main").get_by_role("button").click()
    assert phone.get_by_text(re.compile("Profil créé par Nadia .* pour vous")).is_visible()
    phone.close()

    with territory:
        candidate = Candidate.objects.select_related("assisted").get(user__email=PERSON_EMAIL)
        assert candidate.cvtheque_visible
        assert candidate.assisted.taken_over_at is not None
