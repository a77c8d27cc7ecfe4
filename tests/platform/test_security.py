"""Security hardening: Content-Security-Policy and framing, login lockouts, rate limits,
staff session length, and uploaded files never served from a URL."""

import datetime
import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from django.views.static import serve
from django_tenants.utils import schema_context
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from platform.csp import tile_source
from platform.ratelimit import client_ip
from tenant_apps.accounts.enums import Role
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.applications.factories import ApplicationFactory
from tests.candidates.factories import CandidateFactory
from tests.offers.factories import OfferFactory

HONDSCHOOTE = "59309"


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: sources}."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: sources for name, *sources in directives}


# --- Content-Security-Policy and framing --------------------------------------


@pytest.mark.parametrize("site", ["portal", "provider"])
@pytest.mark.parametrize("path", ["/", "/connexion/"])
def test_pages_allow_only_their_own_scripts_and_refuse_to_be_framed(site, path, portal_client, provider_client):
    client = portal_client if site == "portal" else provider_client

    response = client.get(path)

    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_no_template_has_an_inline_script_or_an_event_handler_attribute():
    """What the policy would block: scripts go in static files (JSON-LD data blocks do not run)."""
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.IGNORECASE)
    event_handler = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
    offending = [
        str(template.relative_to(settings.BASE_DIR))
        for template in Path(settings.THEMES_DIR).glob("*/templates/**/*.html")
        if inline_script.search(text := template.read_text()) or event_handler.search(text)
    ]
    assert offending == []


def test_the_territory_map_tile_server_is_allowed_for_images_on_its_portal_only(
    territory, portal_client, other_portal_client
):
    territory.map_tile_url = "https://{s}.tuiles.example.fr/{z}/{x}/{y}.png"
    territory.save(update_fields=["map_tile_url"])

    mine = policy(portal_client.get("/offres/"))
    other = policy(other_portal_client.get("/offres/"))

    assert "https://*.tuiles.example.fr" in mine["img-src"]
    assert "https://*.tuiles.example.fr" not in other["img-src"]
    assert "https://tile.openstreetmap.org" in other["img-src"]  # the default server


@pytest.mark.parametrize(
    ("tile_url", "source"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.fr:8443/{z}/{x}/{y}.png", "https://*.tile.example.fr:8443"),
        ("https://evil.example; script-src *", None),
        ("https://a.example 'unsafe-inline'/{z}.png", None),
        ("javascript:alert(1)", None),
        ("", None),
    ],
)
def test_only_a_plain_host_of_a_tile_url_reaches_the_policy(tile_url, source):
    assert tile_source(tile_url) == source


def test_the_offers_widget_may_be_framed_anywhere_but_still_runs_no_inline_script(portal_client, db):
    OfferFactory(published=True)

    response = portal_client.get("/widget/offres/", {"commune": HONDSCHOOTE})

    assert response.status_code == 200
    directives = policy(response)
    assert directives["frame-ancestors"] == ["*"]
    assert directives["script-src"] == ["'self'"]
    assert "X-Frame-Options" not in response.headers
    assert not response.cookies


def test_the_api_documentation_loads_its_scripts_from_the_site_itself(portal_client):
    response = portal_client.get("/api/docs/")

    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]
    html = response.content.decode()
    sources = re.findall(r"<script([^>]*)>", html)
    assert sources and all(re.search(r'src="/', attributes) for attributes in sources)
    start_up = re.search(r'<script src="(/api/docs/\?[^"]*script[^"]*)"', html).group(1)
    script = portal_client.get(start_up.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


# --- Login lockouts -----------------------------------------------------------


WRONG_PASSWORD = "mauvais mot de passe"


def log_in(client, email, password=WRONG_PASSWORD):
    return client.post("/connexion/", {"username": email, "password": password})


def test_five_wrong_passwords_lock_the_account_from_that_address_for_fifteen_minutes(portal_client):
    user = UserFactory(role=Role.CANDIDATE)

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(portal_client, user.email).status_code == 200
    locked = log_in(portal_client, user.email)

    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Connexion bloquée" in page and "réessayez dans 15 minutes" in page
    assert log_in(portal_client, user.email, DEFAULT_PASSWORD).status_code == 429  # even the right password
    # Another address, or another account from the same one, may still log in.
    elsewhere = Client(HTTP_HOST="test.localhost", REMOTE_ADDR="192.0.2.7")
    assert log_in(elsewhere, user.email, DEFAULT_PASSWORD).status_code == 302
    colleague = UserFactory(role=Role.CANDIDATE)
    assert log_in(portal_client, colleague.email, DEFAULT_PASSWORD).status_code == 302


def test_the_lockout_ends_after_the_cool_off(portal_client):
    user = UserFactory(role=Role.CANDIDATE)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(portal_client, user.email)

    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    )

    assert log_in(portal_client, user.email, DEFAULT_PASSWORD).status_code == 302


def test_a_good_password_clears_the_failures(portal_client):
    user = UserFactory(role=Role.CANDIDATE)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(portal_client, user.email)
    assert log_in(portal_client, user.email, DEFAULT_PASSWORD).status_code == 302
    portal_client.post("/deconnexion/")

    assert log_in(portal_client, user.email).status_code == 200  # counting starts again


def test_a_lockout_in_one_territory_leaves_the_same_address_free_in_another(
    portal_client, other_portal_client, other_territory
):
    email = "meme.personne@example.org"
    UserFactory(role=Role.CANDIDATE, email=email)
    with other_territory:
        UserFactory(role=Role.CANDIDATE, email=email)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(portal_client, email)

    assert log_in(portal_client, email, DEFAULT_PASSWORD).status_code == 429
    with other_territory:
        assert log_in(other_portal_client, email, DEFAULT_PASSWORD).status_code == 302


def test_the_provider_site_login_locks_out_too(provider_client):
    with schema_context("public"):
        staff = UserFactory(role=Role.PROVIDER_STAFF)
        for _ in range(settings.AXES_FAILURE_LIMIT):
            log_in(provider_client, staff.email)

        assert log_in(provider_client, staff.email, DEFAULT_PASSWORD).status_code == 429
        assert AccessAttempt.objects.filter(username=staff.email).exists()


@pytest.mark.parametrize("site", ["portal", "provider"])
def test_the_admin_has_no_password_form_of_its_own_to_get_around_the_lockout(site, portal_client, provider_client):
    client = portal_client if site == "portal" else provider_client

    response = client.post("/admin/login/", {"username": "x@example.org", "password": "x"})

    assert response.status_code == 302 and response.url.startswith("/connexion/")


# --- Staff sessions -----------------------------------------------------------


@pytest.mark.parametrize("role", [Role.RECEPTION_AGENT, Role.ADVISOR, Role.PARTNER, Role.TERRITORY_ADMIN])
def test_staff_sessions_end_eight_hours_after_logging_in(portal_client, role):
    user = UserFactory(role=role)

    log_in(portal_client, user.email, DEFAULT_PASSWORD)

    expiry = portal_client.session.get_expiry_date()
    assert abs(expiry - (timezone.now() + settings.STAFF_SESSION_AGE)) < datetime.timedelta(minutes=1)


@pytest.mark.parametrize("role", [Role.PROVIDER_STAFF, Role.CROSS_TERRITORY_ADMIN])
def test_provider_staff_sessions_are_short_too(provider_client, role):
    with schema_context("public"):
        user = UserFactory(role=role)
        log_in(provider_client, user.email, DEFAULT_PASSWORD)
        assert provider_client.session.get_expiry_age() <= settings.STAFF_SESSION_AGE.total_seconds()


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.RECRUITER])
def test_candidates_and_recruiters_keep_the_default_session(portal_client, role):
    user = UserFactory(role=role)

    log_in(portal_client, user.email, DEFAULT_PASSWORD)

    assert portal_client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert settings.STAFF_SESSION_AGE.total_seconds() < settings.SESSION_COOKIE_AGE


def test_passwords_need_ten_characters_not_a_common_or_numeric_one():
    from django.contrib.auth.password_validation import get_password_validators, validate_password
    from django.core.exceptions import ValidationError

    validators = get_password_validators(settings.AUTH_PASSWORD_VALIDATORS)
    for weak in ("Court-1", "azertyuiop", "1234567890123"):
        with pytest.raises(ValidationError):
            validate_password(weak, password_validators=validators)
    validate_password("Flandre-2026-emploi", password_validators=validators)


# --- Rate limits ----------------------------------------------------------------


def test_the_password_forgotten_form_answers_429_past_its_limit_in_that_territory_only(
    settings, portal_client, other_portal_client, other_territory
):
    settings.FORM_RATE_LIMITS = {**settings.FORM_RATE_LIMITS, "password_reset": (2, 3600)}
    form = {"email": "quelqu.un@example.org"}

    assert [portal_client.post("/compte/mot-de-passe-oublie/", form).status_code for _ in range(2)] == [302, 302]
    limited = portal_client.post("/compte/mot-de-passe-oublie/", form)

    assert limited.status_code == 429
    assert "Trop de demandes" in limited.content.decode()
    assert 0 < int(limited["Retry-After"]) <= 3600
    assert portal_client.get("/compte/mot-de-passe-oublie/").status_code == 200  # showing the form stays free
    with other_territory:
        assert other_portal_client.post("/compte/mot-de-passe-oublie/", form).status_code == 302


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("signup", "/candidat/inscription/"),
        ("signup", "/employeur/inscription/"),
        ("apply", "/offres/{offer}/postuler/"),
        ("alert", "/alertes/"),
    ],
)
def test_the_public_forms_answer_429_past_their_limit(settings, portal_client, name, path):
    settings.FORM_RATE_LIMITS = {**settings.FORM_RATE_LIMITS, name: (1, 3600)}
    url = path.format(offer=OfferFactory(published=True).pk)

    assert portal_client.post(url, {}).status_code != 429
    limited = portal_client.post(url, {})

    assert limited.status_code == 429
    assert "Ce formulaire a été envoyé trop de fois" in limited.content.decode()


def test_messages_sent_through_the_platform_are_limited_per_account_not_per_address(settings, login_as):
    """A reception desk puts many people behind one address: once logged in, each account has its budget."""
    settings.FORM_RATE_LIMITS = {**settings.FORM_RATE_LIMITS, "contact": (1, 3600)}
    candidate = CandidateFactory(cvtheque_visible=True)
    url = f"/cvtheque/candidats/{candidate.pk}/inviter/"
    first, _user = login_as(Role.ADVISOR)
    second, _user = login_as(Role.ADVISOR)

    assert first.post(url, {}).status_code == 302
    assert first.post(url, {}).status_code == 429
    assert second.post(url, {}).status_code == 302  # same address, another account


def test_each_address_has_its_own_budget_behind_the_proxy(settings, portal_client):
    settings.NUM_PROXIES = 1
    settings.FORM_RATE_LIMITS = {**settings.FORM_RATE_LIMITS, "signup": (1, 3600)}

    def sign_up(address):
        # What the visitor sends first cannot be trusted: the proxy appends the address it saw.
        return portal_client.post("/candidat/inscription/", {}, HTTP_X_FORWARDED_FOR=f"203.0.113.1, {address}")

    assert sign_up("198.51.100.1").status_code != 429
    assert sign_up("198.51.100.1").status_code == 429
    assert sign_up("198.51.100.2").status_code != 429


def test_the_client_address_is_the_one_the_proxies_saw(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.0.0.1, 198.51.100.9", REMOTE_ADDR="10.1.1.1")
    settings.NUM_PROXIES = 0
    assert client_ip(request) == "10.1.1.1"
    settings.NUM_PROXIES = 1
    assert client_ip(request) == "198.51.100.9"


def test_the_anonymous_api_is_throttled_per_address_and_territory(
    monkeypatch, portal_client, other_portal_client, other_territory
):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/min"})

    assert [portal_client.get("/api/offres/").status_code for _ in range(2)] == [200, 200]
    throttled = portal_client.get("/api/offres/")

    assert throttled.status_code == 429
    assert "detail" in throttled.json() and int(throttled["Retry-After"]) > 0
    with other_territory:
        assert other_portal_client.get("/api/offres/").status_code == 200


def test_the_api_is_throttled_per_account_once_authenticated(monkeypatch, login_as):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/min"})
    first, _ = login_as(Role.CANDIDATE)
    second, _ = login_as(Role.CANDIDATE)

    assert [first.get("/api/offres/").status_code for _ in range(3)] == [200, 200, 429]
    assert second.get("/api/offres/").status_code == 200


def test_the_api_rates_come_from_the_settings():
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].keys() == {"anon", "user"}
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] == AnonRateThrottle.THROTTLE_RATES


# --- Uploaded files -------------------------------------------------------------


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def views_of(resolver):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from views_of(pattern)
        else:
            yield pattern.callback


@pytest.mark.usefixtures("_media")
def test_a_stored_cv_is_not_reachable_by_any_url(login_as, portal_client):
    application = ApplicationFactory()
    stored = application.cv.name
    assert (Path(settings.MEDIA_ROOT) / stored).exists()
    advisor, _ = login_as(Role.ADVISOR)  # who may read it through the application's page

    for urlconf in (settings.ROOT_URLCONF, settings.PUBLIC_SCHEMA_URLCONF):
        assert serve not in set(views_of(get_resolver(urlconf)))
    for client in (portal_client, advisor):
        for url in (f"/{stored}", f"/media/{stored}", f"/static/{stored}", f"/static/../media/{stored}"):
            response = client.get(url)
            assert response.status_code in {302, 404}, url
            assert not getattr(response, "streaming", False)


@pytest.mark.usefixtures("_media")
def test_the_candidate_own_cv_is_theirs_only(login_as, portal_client, other_territory):
    candidate_client, user = login_as(Role.CANDIDATE)
    CandidateFactory(user=user)

    assert candidate_client.get("/candidat/cv.pdf")["Content-Type"] == "application/pdf"
    assert portal_client.get("/candidat/cv.pdf").url.startswith("/connexion/")
    for role in (Role.RECRUITER, Role.ADVISOR):
        client, _ = login_as(role)
        assert client.get("/candidat/cv.pdf").status_code == 403
    stranger, _ = login_as(Role.CANDIDATE, on=other_territory)
    stranger.defaults["HTTP_HOST"] = "test.localhost"  # their session means nothing here
    assert stranger.get("/candidat/cv.pdf").status_code == 302
