"""Errors reach Sentry tagged with their territory, without personal data."""

import pytest
import sentry_sdk
from django.test import Client
from sentry_sdk.transport import Transport

from platform.sentry import init_sentry
from tenant_apps.accounts.enums import Role


class CapturingTransport(Transport):
    """Keeps events in memory instead of sending them: no network in tests."""

    def __init__(self):
        super().__init__()
        self.events = []

    def capture_envelope(self, envelope):
        event = envelope.get_event()
        if event is not None:
            self.events.append(event)


@pytest.fixture
def sentry_events():
    transport = CapturingTransport()
    init_sentry("https://public@sentry.example.invalid/1", transport=transport)
    yield transport.events
    sentry_sdk.init()  # no DSN: reporting off again


def test_an_error_in_a_portal_view_is_reported_with_its_territory_and_no_personal_data(
    login_as, territory, sentry_events, monkeypatch
):
    def broken_render(*args, **kwargs):
        raise RuntimeError("gabarit cassé")

    monkeypatch.setattr("tenants.views.render", broken_render)
    client, user = login_as(Role.CANDIDATE, first_name="Léa", last_name="Martin")
    client.raise_request_exception = False

    response = client.get("/", HTTP_USER_AGENT="Mozilla/5.0 (Android)")

    assert response.status_code == 500
    [event] = sentry_events
    assert event["exception"]["values"][-1]["value"] == "gabarit cassé"
    assert event["tags"]["territory"] == territory.schema_name
    assert "cookies" not in event["request"]
    assert "Cookie" not in event["request"].get("headers", {})
    assert "email" not in event.get("user", {})
    assert user.email not in str(event)
    assert "REMOTE_ADDR" not in str(event.get("request", {}).get("env", {}))


def test_a_form_posted_with_personal_data_is_not_sent(portal_client, sentry_events, monkeypatch):
    def broken_login(*args, **kwargs):
        raise RuntimeError("connexion cassée")

    monkeypatch.setattr("django.contrib.auth.views.LoginView.post", broken_login)
    portal_client.raise_request_exception = False

    # Built at run time: the test's own source lines travel in the stack trace.
    email = "-".join(["lea", "martin", "1987"]) + "@example.org"
    portal_client.post(f"/connexion/?email={email}", {"username": email, "password": "secret"})

    [event] = sentry_events
    assert email.split("@")[0] not in str(event)


def test_an_error_on_the_provider_site_is_tagged_public(db, sentry_events, monkeypatch):
    def broken_render(*args, **kwargs):
        raise RuntimeError("accueil cassé")

    monkeypatch.setattr("shared_apps.provider.views.render", broken_render)
    client = Client(HTTP_HOST="localhost", raise_request_exception=False)

    assert client.get("/").status_code == 500
    assert sentry_events[0]["tags"]["territory"] == "public"
