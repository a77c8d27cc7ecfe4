"""Test harness: one database and two territories per session, rolled back per test.

The session creates the test database (public schema migrated), loads the
reference data, and onboards two territories with the real service, so their
schemas are cloned from the template as in production. Each test then runs in
a transaction that is rolled back, with the first territory active.
"""

import json
import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from shared_apps.referentials.services import load_referentials
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.two_factor import requires_second_factor
from tenants.models import Territory
from tenants.services import ensure_provider_and_template, onboard_territory
from tests.accounts.factories import UserFactory, verify_second_factor

TERRITORY_EPCI = "200040954"  # CC des Hauts de Flandre
OTHER_TERRITORY_EPCI = "200040947"  # CA Coeur de Flandre
TERRITORY_DOMAIN = "test.localhost"
OTHER_TERRITORY_DOMAIN = "other.localhost"
PROVIDER_DOMAIN = "localhost"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_referentials()
        ensure_provider_and_template()
        onboard_territory(epci_siren=TERRITORY_EPCI, domain=TERRITORY_DOMAIN, admin_email="admin@test.example.org")
        onboard_territory(
            epci_siren=OTHER_TERRITORY_EPCI, domain=OTHER_TERRITORY_DOMAIN, admin_email="admin@other.example.org"
        )
    yield
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        # Worker and live-server threads keep connections of their own; close
        # them so that the test database can be dropped.
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def _territory(epci_siren: str) -> Territory:
    return Territory.objects.prefetch_related("domains").get(epci_siren=epci_siren)


@pytest.fixture
def territory(db) -> Territory:
    return _territory(TERRITORY_EPCI)


@pytest.fixture
def other_territory(db) -> Territory:
    return _territory(OTHER_TERRITORY_EPCI)


@pytest.fixture(autouse=True)
def _tasks_run_inline(request):
    """Outside the tests about tasks (marked ``celery``: a real broker and worker), a task
    sent on commit runs at once, in-process: an e-mail queued is then an e-mail sent."""
    from platform.celery import app

    app.conf.task_always_eager = "celery" not in request.keywords
    yield
    app.conf.task_always_eager = False


@pytest.fixture(autouse=True)
def _french():
    """Each test starts in French: LocaleMiddleware leaves the language of the
    last request active in the thread, which would leak from test to test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _no_rate_limit_counts_nor_cached_pages():
    """Rate-limit counters (platform.ratelimit, DRF throttles) and cached pages live in the
    cache, which outlives a test (Redis): each test starts with none. Only their keys go: the
    broker shares Redis."""
    client = getattr(getattr(cache, "_cache", None), "get_client", None)
    if client is None:
        cache.clear()
    else:
        redis = client(write=True)
        for pattern in ("*:ratelimit:*", "*:throttle_*", "*:search-page:*"):
            if keys := list(redis.scan_iter(match=pattern)):
                redis.delete(*keys)
    yield


@pytest.fixture(autouse=True)
def _search_pages_not_cached(settings):
    """Tests request a search page, change offers with factories (which do not touch the
    shared index) and search again: they see the page rendered anew. The cache itself is
    specified in tests/offers/test_page_cache.py."""
    settings.SEARCH_PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _activate_territory(request):
    """Tests that use the database run inside the test territory's schema."""
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        yield
        return
    connection.set_tenant(request.getfixturevalue("territory"))
    yield
    connection.set_schema_to_public()


@pytest.fixture
def portal_client(territory) -> Client:
    """An anonymous visitor of the test territory's portal."""
    return Client(HTTP_HOST=TERRITORY_DOMAIN)


@pytest.fixture
def other_portal_client(other_territory) -> Client:
    return Client(HTTP_HOST=OTHER_TERRITORY_DOMAIN)


@pytest.fixture
def provider_client(db) -> Client:
    return Client(HTTP_HOST=PROVIDER_DOMAIN)


@pytest.fixture
def login_as(territory):
    """``login_as(Role.ADVISOR)`` gives a client logged in with that role on a
    territory's portal (the test territory unless another is given), and the user.

    Staff roles also get an authenticator app and a session verified by it, as
    after the code step of their login: tests of their pages start past it
    (tests/accounts/test_two_factor.py covers the step itself)."""

    def login(role: Role, on: Territory | None = None, **user_fields):
        on = on or territory
        with on:  # the user and their session live in that territory's schema
            user = UserFactory(role=role, **user_fields)
            client = Client(HTTP_HOST=on.primary_domain)
            client.force_login(user)
            if requires_second_factor(user):
                verify_second_factor(client, user)
        return client, user

    return login


# Literals, and the names of server-side cursors (a form's choices are read through one).
LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+\b|_django_curs_\w+")


@pytest.fixture
def snapshot_queries(request):
    """``with snapshot_queries(): client.get(...)`` compares the SQL run in the
    block with ``snapshots/<test>.json`` beside the test (literals masked), a
    cheap guard against N+1 queries. ``SNAPSHOT_UPDATE=1`` rewrites snapshots;
    a missing one is written and fails the test once, to be reviewed."""

    @contextmanager
    def snapshot(suffix: str = ""):
        with CaptureQueriesContext(connection) as context:
            yield
        statements = [LITERALS.sub("%s", query["sql"]) for query in context.captured_queries]
        path = Path(request.path).parent / "snapshots" / f"{request.node.name}{suffix}.json"
        if os.environ.get("SNAPSHOT_UPDATE") or not path.exists():
            path.parent.mkdir(exist_ok=True)
            path.write_text(json.dumps(statements, indent=1, ensure_ascii=False) + "\n")
            if not os.environ.get("SNAPSHOT_UPDATE"):
                pytest.fail(f"Snapshot {path.name} written: review it and run again.")
        assert statements == json.loads(path.read_text()), f"The SQL differs from {path}"

    return snapshot
