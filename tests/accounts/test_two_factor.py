"""Staff of a territory and of the provider see many people's data: after their password they
give a code from an authenticator app (enrolled at their first login), or a backup code."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import schema_context
from rest_framework.authtoken.models import Token

from tenant_apps.accounts import services
from tenant_apps.accounts.enums import Role
from tenant_apps.outbox.models import OutboxMessage
from tests.accounts.factories import (
    DEFAULT_PASSWORD,
    StaticDeviceFactory,
    TOTPDeviceFactory,
    UserFactory,
    totp,
    verify_second_factor,
)
from tests.conftest import PROVIDER_DOMAIN

TERRITORY_STAFF = [Role.RECEPTION_AGENT, Role.ADVISOR, Role.PARTNER, Role.TERRITORY_ADMIN]
PROVIDER_ROLES = [Role.PROVIDER_STAFF, Role.CROSS_TERRITORY_ADMIN]
ENROL = "/compte/double-authentification/"
VERIFY = "/compte/verification/"


def log_in(client, user):
    """The password step, as a person types it on the login page."""
    response = client.post("/connexion/", {"username": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302, "the password was refused"
    return response


def follow(client, response):
    """Follow redirects one at a time (the test client's ``follow`` loses the host)."""
    while response.status_code == 302:
        response = client.get(response.url)
    return response


def enrol(client):
    """Scan the QR code (read the pending device) and type the app's first code."""
    page = client.get(ENROL).content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    return page, device, client.post(ENROL, {"code": totp(device)})


@pytest.mark.parametrize("role", TERRITORY_STAFF)
def test_each_territory_staff_role_enrols_an_app_at_its_first_login(portal_client, role):
    user = UserFactory(role=role)

    response = follow(portal_client, log_in(portal_client, user))

    assert response.request["PATH_INFO"] == ENROL
    page, device, confirmed = enrol(portal_client)
    assert '<figure class="qr-code">\n      <svg' in page  # drawn server-side, no external service
    assert not re.search(r"<script(?![^>]*\bsrc=)|\son[a-z]+=", page)  # nothing inline for the CSP to forbid
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1)
    assert secret.replace(" ", "") in device.config_url
    assert confirmed.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", confirmed.content.decode())
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(codes)
    device.refresh_from_db()
    assert device.confirmed
    # Verified: the person now reaches their pages.
    assert portal_client.get("/compte/").url == services.landing_url(user)
    assert portal_client.get(services.landing_url(user)).status_code == 200


def test_a_wrong_enrolment_code_confirms_nothing(portal_client):
    user = UserFactory(role=Role.ADVISOR)
    log_in(portal_client, user)
    portal_client.get(ENROL)

    response = portal_client.post(ENROL, {"code": "000000"})

    assert "Ce code n&#x27;est pas valide" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert portal_client.get("/compte/").url.startswith(ENROL)


def test_the_enrolment_page_keeps_its_secret_across_reloads(portal_client):
    log_in(portal_client, UserFactory(role=Role.ADVISOR))

    first, second = portal_client.get(ENROL), portal_client.get(ENROL)

    assert TOTPDevice.objects.count() == 1
    secret = re.compile(r'<code class="secret">([A-Z2-7 ]+)</code>')
    assert secret.search(first.content.decode()).group(1) == secret.search(second.content.decode()).group(1)


@pytest.fixture
def advisor_with_app(db):
    user = UserFactory(role=Role.ADVISOR)
    return user, TOTPDeviceFactory(user=user)


def test_staff_with_an_app_give_its_code_after_their_password(portal_client, advisor_with_app):
    user, device = advisor_with_app

    response = follow(portal_client, log_in(portal_client, user))

    assert response.request["PATH_INFO"] == VERIFY
    assert portal_client.get("/gestion/portail/").url == f"{VERIFY}?next=%2Fgestion%2Fportail%2F"
    wrong = portal_client.post(VERIFY, {"code": "000000", "next": "/offres/"})
    assert wrong.status_code == 200
    assert "Ce code n&#x27;est pas valide" in wrong.content.decode()
    a_moment_later = timezone.now() - timedelta(seconds=2)  # past the 1 s lock of one wrong code
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=a_moment_later)
    right = portal_client.post(VERIFY, {"code": totp(device), "next": "/offres/"})
    assert right.status_code == 302 and right.url == "/offres/"
    assert portal_client.get(services.landing_url(user)).status_code == 200


def test_after_the_code_the_person_goes_back_to_the_page_asked_for_on_this_site_only(portal_client, advisor_with_app):
    user, device = advisor_with_app
    log_in(portal_client, user)

    response = portal_client.post(VERIFY, {"code": totp(device), "next": "https://ailleurs.example/"})

    assert response.url == services.landing_url(user)


def test_wrong_codes_lock_the_app_for_a_growing_delay(portal_client, advisor_with_app):
    user, device = advisor_with_app
    log_in(portal_client, user)
    portal_client.post(VERIFY, {"code": "000000"})
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=5, throttling_failure_timestamp=timezone.now()
    )

    response = portal_client.post(VERIFY, {"code": totp(device)})

    assert "Trop de codes erronés : réessayez dans" in response.content.decode()
    assert portal_client.get("/compte/").url.startswith(VERIFY)


def test_a_backup_code_works_once(portal_client, advisor_with_app):
    user, _device = advisor_with_app
    StaticDeviceFactory(user=user, tokens=["abcd2345"])
    log_in(portal_client, user)

    assert portal_client.post(VERIFY, {"code": "ABCD 2345", "next": "/offres/"}).url == "/offres/"

    again = Client(HTTP_HOST=portal_client.defaults["HTTP_HOST"])
    log_in(again, user)
    response = again.post(VERIFY, {"code": "abcd2345"})
    assert response.status_code == 200
    assert "Ce code n&#x27;est pas valide" in response.content.decode()


def test_the_person_replaces_their_backup_codes_and_the_old_ones_stop_working(login_as):
    client, user = login_as(Role.TERRITORY_ADMIN)
    StaticDeviceFactory(user=user, tokens=["abcd2345", "efgh2345"])
    assert "Il vous reste 2 codes de secours" in client.get(f"{ENROL}codes-de-secours/").content.decode()

    page = client.post(f"{ENROL}codes-de-secours/").content.decode()

    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(codes)


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.RECRUITER])
def test_candidates_and_recruiters_are_not_asked_for_a_second_factor(portal_client, role):
    user = UserFactory(role=role)

    response = portal_client.get(log_in(portal_client, user).url)

    assert response.url == services.landing_url(user)
    assert portal_client.get(ENROL).status_code == 403
    assert portal_client.get(f"{ENROL}codes-de-secours/").status_code == 403
    assert not TOTPDevice.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(portal_client):
    for path in (ENROL, VERIFY, f"{ENROL}codes-de-secours/"):
        assert portal_client.get(path).url.startswith("/connexion/")


def test_before_the_code_staff_reach_no_page_but_the_second_factor_ones(portal_client):
    admin = UserFactory(role=Role.TERRITORY_ADMIN)
    portal_client.force_login(admin)  # the password step only

    assert portal_client.get("/gestion/portail/").url == f"{ENROL}?next=%2Fgestion%2Fportail%2F"
    assert portal_client.get("/offres/").url.startswith(ENROL)
    assert portal_client.get(ENROL).status_code == 200
    assert portal_client.get("/static/themes/base/css/site.css").status_code == 200
    assert portal_client.post("/deconnexion/").status_code == 302
    assert portal_client.get("/offres/").status_code == 200  # logged out: a visitor again


def test_the_api_refuses_a_session_not_verified_by_the_second_factor(portal_client, advisor_with_app):
    user, device = advisor_with_app
    portal_client.force_login(user)

    refused = portal_client.get("/api/cvtheque/")

    assert refused.status_code == 403
    assert refused.json() == {"detail": "Donnez d'abord votre second facteur d'authentification."}
    portal_client.post(VERIFY, {"code": totp(device)})
    assert portal_client.get("/api/cvtheque/").status_code == 200


def test_the_api_refuses_the_tokens_of_staff_roles(portal_client, advisor_with_app):
    user, _device = advisor_with_app
    token = Token.objects.create(user=user)

    response = portal_client.get("/api/cvtheque/", HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 401
    assert response.json() == {"detail": "Les comptes du personnel n'utilisent pas de jeton d'API."}


def test_a_device_of_one_territory_does_not_exist_in_another(portal_client, other_portal_client, other_territory):
    user = UserFactory(role=Role.ADVISOR, email="conseil@example.org")
    device = TOTPDeviceFactory(user=user)

    with other_territory:
        namesake = UserFactory(role=Role.ADVISOR, email="conseil@example.org")
        assert not TOTPDevice.objects.exists()
        log_in(other_portal_client, namesake)
    # The code of the first territory's app means nothing there: the namesake enrols.
    assert other_portal_client.post(VERIFY, {"code": totp(device)}).url.startswith(ENROL)
    with other_territory:  # even a session pointing at that device's id
        session = other_portal_client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    assert other_portal_client.get("/offres/").url.startswith(ENROL)


@pytest.mark.parametrize("role", PROVIDER_ROLES)
def test_provider_staff_enrol_and_give_their_code_on_the_provider_site(db, role):
    client = Client(HTTP_HOST=PROVIDER_DOMAIN)
    with schema_context("public"):
        user = UserFactory(role=role)
        response = follow(client, log_in(client, user))
        assert response.request["PATH_INFO"] == ENROL
        assert client.get("/").url == f"{ENROL}?next=%2F"  # the provider's home waits too
        assert client.get("/admin/").url.startswith(ENROL)

        _page, device, confirmed = enrol(client)

        assert confirmed.status_code == 200
        assert device.user_id == user.pk
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("site", ["portal", "provider"])
def test_the_django_admin_asks_everyone_for_the_second_factor(site, territory, portal_client, provider_client):
    client = portal_client if site == "portal" else provider_client
    with territory if site == "portal" else schema_context("public"):
        staff = UserFactory(role=Role.TERRITORY_ADMIN, is_staff=True, is_superuser=True)
        client.force_login(staff)
        assert client.get("/admin/").url.startswith(ENROL)
        verify_second_factor(client, staff)
        assert client.get("/admin/").status_code == 200
    # One login for the whole site: the admin has no password form of its own.
    anonymous = Client(HTTP_HOST=client.defaults["HTTP_HOST"])
    assert anonymous.get("/admin/").url == "/admin/login/?next=/admin/"
    assert anonymous.get("/admin/login/?next=/admin/").url == "/connexion/?next=/admin/"


def test_a_territory_admin_resets_a_staff_member_s_second_factor(login_as):
    _client, admin = login_as(Role.TERRITORY_ADMIN)
    advisor_client, advisor = login_as(Role.ADVISOR)
    StaticDeviceFactory(user=advisor, tokens=["abcd2345"])

    services.reset_second_factor(advisor, by=admin)

    assert not TOTPDevice.objects.filter(user=advisor).exists()
    assert not StaticToken.objects.filter(device__user=advisor).exists()
    # The advisor's open session lost its verification: enrolment again.
    assert advisor_client.get("/offres/").url.startswith(ENROL)
    message = OutboxMessage.objects.get(to=[advisor.email])
    assert message.subject == "Votre double authentification a été réinitialisée"
    assert str(admin) in message.body


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.RECRUITER])
def test_only_admins_reset_a_second_factor(login_as, role):
    _client, advisor = login_as(Role.ADVISOR)
    someone = UserFactory(role=role)

    with pytest.raises(PermissionDenied):
        services.reset_second_factor(advisor, by=someone)
    assert TOTPDevice.objects.filter(user=advisor).exists()


def test_the_admin_action_resets_the_second_factor_of_the_chosen_people(login_as):
    client, _admin = login_as(Role.TERRITORY_ADMIN, is_staff=True, is_superuser=True)
    _advisor_client, advisor = login_as(Role.ADVISOR)
    _partner_client, partner = login_as(Role.PARTNER)

    response = client.post(
        "/admin/accounts/user/", {"action": "reset_second_factor", "index": 0, "_selected_action": [advisor.pk]}
    )

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=advisor).exists()
    assert TOTPDevice.objects.filter(user=partner).exists()
