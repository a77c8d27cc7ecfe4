"""A baker signs up and posts an offer; a person without a car finds it from their phone."""

import re

import pytest
from django.core import mail

from tenant_apps.accounts.models import User
from tenant_apps.employers.models import Employer
from tenants.models import Territory
from tests.conftest import TERRITORY_EPCI
from tests.e2e.conftest import DESKTOP, PHONE
from tests.employers.factories import valid_siret

EMAIL = "marie@fournil-e2e.example.org"


@pytest.fixture
def cleanup(live_server_port):
    """The journey commits its data (the live server cannot see a test transaction): remove it."""
    yield
    territory = Territory.objects.get(epci_siren=TERRITORY_EPCI)
    with territory:
        for employer in Employer.objects.filter(name="Fournil de la Colme"):
            employer.offers.all().delete()
            employer.delete()
        User.objects.filter(email=EMAIL).delete()


def test_a_recruiter_posts_an_offer_that_a_phone_user_finds_by_distance(browser, live_server_port, cleanup):
    territory = Territory.objects.prefetch_related("domains").get(epci_siren=TERRITORY_EPCI)
    portal = f"http://{territory.primary_domain}:{live_server_port}"
    mail.outbox.clear()

    recruiter = browser.new_page(**DESKTOP)
    recruiter.goto(f"{portal}/employeur/inscription/")
    recruiter.get_by_role("textbox", name="SIRET", exact=True).fill(valid_siret(900_000))
    recruiter.get_by_role("textbox", name="Raison sociale ou enseigne", exact=True).fill("Fournil de la Colme")
    recruiter.get_by_role("combobox", name="Secteur", exact=True).select_option("crafts")
    recruiter.get_by_label(re.compile("^Commune de l'établissement")).fill("Wormhout")
    recruiter.get_by_role("textbox", name="Prénom", exact=True).fill("Marie")
    recruiter.get_by_role("textbox", name="Nom", exact=True).fill("Deschamps")
    recruiter.get_by_role("textbox", name="Votre adresse e-mail professionnelle", exact=True).fill(EMAIL)
    recruiter.locator("#id_password1").fill("Levain-et-four-59!")
    recruiter.locator("#id_password2").fill("Levain-et-four-59!")
    recruiter.get_by_role("button", name="Créer le compte").click()
    assert recruiter.get_by_role("heading", name="Vérifiez votre messagerie").is_visible()

    link = re.search(r"http://\S+/compte/verifier/\S+", mail.outbox[-1].body).group(0)
    recruiter.goto(link)
    assert recruiter.get_by_role("heading", level=1).inner_text() == "Fournil de la Colme"

    recruiter.get_by_role("link", name="Nouvelle offre").click()
    recruiter.get_by_role("textbox", name="Intitulé du poste", exact=True).fill("Boulanger / Boulangère de nuit")
    recruiter.get_by_label(re.compile("^Métier")).fill("boulangère")
    recruiter.get_by_role("textbox", name="Description du poste", exact=True).fill(
        "Fabrication du pain au levain.\n\n- Pétrissage\n- Cuisson"
    )
    recruiter.get_by_role("combobox", name="Type de contrat", exact=True).select_option("cdi")
    recruiter.get_by_role("combobox", name="Temps de travail", exact=True).select_option("full_time")
    recruiter.get_by_label(re.compile("^Commune du lieu de travail")).fill("Wormhout")
    recruiter.get_by_role("checkbox", name="Accessible sans voiture", exact=True).check()
    recruiter.get_by_role("button", name="Publier").click()
    assert recruiter.get_by_text("Offre publiée.").is_visible()
    recruiter.close()

    phone = browser.new_page(**PHONE)
    phone.goto(f"{portal}/offres/")
    phone.get_by_label(re.compile("^Autour de la commune")).fill("Hondschoote")
    phone.get_by_role("spinbutton", name="Distance maximale (km)").fill("20")
    phone.get_by_text("Filtres").click()
    phone.get_by_role("checkbox", name="Accessible sans voiture", exact=True).check()
    phone.get_by_role("button", name="Rechercher").click()

    result = phone.locator(".result", has_text="Boulanger / Boulangère de nuit")
    assert "à 13 km" in result.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    result.get_by_role("link").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "Boulanger / Boulangère de nuit"
    assert "Fabrication du pain au levain." in phone.locator(".description").inner_text()
    phone.close()
