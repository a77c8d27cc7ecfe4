"""Onboarding a territory from the console, and adding a custom domain: the onboarding
service behind a form, with clear errors and nothing half-created."""

from html import unescape

import pytest
from django.test import Client
from django_tenants.utils import schema_context, schema_exists

from shared_apps.billing.models import PlanChoice
from shared_apps.provider import services
from shared_apps.provider.enums import ConsoleAction
from shared_apps.provider.models import ConsoleAuditEntry
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenants.models import Domain, Territory
from tests.billing.factories import PlanFactory

BAR_SUR_AUBE = "241000405"  # CC de la Région de Bar sur Aube, 27 communes
ONBOARDING = "/console/territoires/nouveau/"


def request(**overrides):
    return {
        "epci": BAR_SUR_AUBE,
        "domain": "bar-sur-aube.localhost",
        "admin_email": "admin@bsa.example.org",
        "theme": "base",
        "primary_color": "#0b5d3b",
        **overrides,
    }


def test_onboarding_from_the_console_opens_the_portal_on_its_domain(
    console, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = console.post(ONBOARDING, request())

    territory = Territory.objects.get(epci_siren=BAR_SUR_AUBE)
    assert response.status_code == 302
    assert response["Location"] == f"/console/territoires/{territory.pk}/"
    assert (territory.name, territory.primary_color, territory.communes.count()) == (
        "CC de la Région de Bar sur Aube",
        "#0b5d3b",
        27,
    )
    portal = Client(HTTP_HOST="bar-sur-aube.localhost").get("/")
    assert portal.status_code == 200
    assert "CC de la Région de Bar sur Aube" in portal.content.decode()
    assert "--primary: #0b5d3b" in portal.content.decode()
    with schema_context(territory.schema_name):
        assert User.objects.get().role == Role.TERRITORY_ADMIN
    assert mailoutbox[0].to == ["admin@bsa.example.org"]
    entry = ConsoleAuditEntry.objects.get()
    assert (entry.actor_id, entry.action, entry.territory) == (staff.pk, ConsoleAction.ONBOARD, territory)
    assert entry.details["domain"] == "bar-sur-aube.localhost"
    detail = unescape(console.get(response["Location"]).content.decode())
    assert "Portail de CC de la Région de Bar sur Aube créé" in detail


@pytest.mark.parametrize("typed", ["CC de la Région de Bar sur Aube (241000405)", "cc de la region de bar sur aube"])
def test_the_epci_may_be_given_by_its_suggested_label_or_its_exact_name(console, typed):
    assert console.post(ONBOARDING, request(epci=typed)).status_code == 302

    assert Territory.objects.filter(epci_siren=BAR_SUR_AUBE).exists()


def test_the_form_has_the_suggestions_endpoint_and_no_inline_script(console):
    page = console.get(ONBOARDING).content.decode()

    assert 'data-suggestions="/console/epci/"' in page
    assert 'data-suggestions-credentials="same-origin"' in page
    assert "<script>" not in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"epci": "123456789"}, "epci", "Aucune intercommunalité ne correspond à « 123456789 »"),
        ({"epci": "Flandre"}, "epci", "Aucune intercommunalité ne correspond à « Flandre »"),
        ({"epci": "200040954"}, "epci", "CC des Hauts de Flandre a déjà son portail."),
        ({"domain": "other.localhost"}, "domain", "Le domaine other.localhost est déjà utilisé."),
        ({"domain": "pas un domaine"}, "domain", "« pas un domaine » n'est pas un nom de domaine valide"),
        ({"admin_email": "admin@"}, "admin_email", "Saisissez une adresse e-mail valide."),
        ({"primary_color": "#ffff00"}, "primary_color", "Contraste insuffisant"),
    ],
)
def test_a_refused_request_says_why_and_creates_nothing(console, overrides, field, message):
    territories = Territory.objects.count()

    response = console.post(ONBOARDING, request(**overrides))

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert Territory.objects.count() == territories
    assert not schema_exists(f"epci_{BAR_SUR_AUBE}")
    assert not ConsoleAuditEntry.objects.exists()


def test_a_domain_taken_meanwhile_is_refused_by_the_service_with_nothing_created(staff):
    with pytest.raises(services.ConsoleError, match=r"Le domaine test\.localhost est déjà utilisé"):
        services.onboard(
            staff,
            epci_siren=BAR_SUR_AUBE,
            domain="test.localhost",
            admin_email="admin@bsa.example.org",
            theme="base",
            primary_color="#1d4f91",
        )

    assert not Territory.objects.filter(epci_siren=BAR_SUR_AUBE).exists()
    assert not ConsoleAuditEntry.objects.exists()


# --- Custom domains -------------------------------------------------------------------------


def test_a_custom_domain_serves_the_portal_and_is_logged(console, staff, territory):
    response = console.post(f"/console/territoires/{territory.pk}/domaines/", {"domain": " Emploi.CCHF.fr "})

    assert response.status_code == 302
    assert Domain.objects.get(domain="emploi.cchf.fr").is_primary is False
    assert Client(HTTP_HOST="emploi.cchf.fr").get("/").status_code == 200
    entry = ConsoleAuditEntry.objects.get()
    assert (entry.action, entry.territory, entry.details) == (
        ConsoleAction.ADD_DOMAIN,
        territory,
        {"domain": "emploi.cchf.fr", "primary": False},
    )


def test_a_custom_domain_may_become_the_primary_one(console, territory):
    console.post(f"/console/territoires/{territory.pk}/domaines/", {"domain": "emploi.cchf.fr", "primary": "on"})

    assert list(territory.domains.filter(is_primary=True).values_list("domain", flat=True)) == ["emploi.cchf.fr"]


@pytest.mark.parametrize(
    ("domain", "message"),
    [
        ("other.localhost", "Le domaine other.localhost est déjà utilisé."),
        ("emploi_cchf", "n'est pas un nom de domaine valide"),
        ("", "Ce champ est obligatoire."),
    ],
)
def test_a_refused_domain_says_why(console, territory, domain, message):
    response = console.post(f"/console/territoires/{territory.pk}/domaines/", {"domain": domain})

    assert response.status_code == 400
    assert message in unescape(response.content.decode())
    assert territory.domains.count() == 1
    assert not ConsoleAuditEntry.objects.exists()


def test_the_provider_s_own_row_is_not_a_territory_of_the_console(console):
    provider = Territory.objects.get(schema_name="public")

    assert console.get(f"/console/territoires/{provider.pk}/").status_code == 404
    assert console.post(f"/console/territoires/{provider.pk}/domaines/", {"domain": "x.example.org"}).status_code == 404


def test_staff_choose_the_territory_s_plan_when_onboarding(console, django_capture_on_commit_callbacks):
    with schema_context("public"):
        plan = PlanFactory(code="grand", name="Plus de 100 000 habitants")

    with django_capture_on_commit_callbacks(execute=True):
        response = console.post(ONBOARDING, request(plan=plan.pk))

    territory = Territory.objects.get(epci_siren=BAR_SUR_AUBE)
    assert response.status_code == 302
    with schema_context("public"):
        choice = PlanChoice.objects.get(territory=territory)
        assert (choice.plan, choice.chosen_by) == (plan, "equipe@emploi-local.fr")
        assert ConsoleAuditEntry.objects.get(action=ConsoleAction.ONBOARD).details["plan"] == "grand"
    assert "Plus de 100 000 habitants" in unescape(console.get(ONBOARDING).content.decode())


def test_without_a_chosen_plan_the_population_band_s_applies(console, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        console.post(ONBOARDING, request())

    assert not PlanChoice.objects.filter(territory__epci_siren=BAR_SUR_AUBE).exists()
