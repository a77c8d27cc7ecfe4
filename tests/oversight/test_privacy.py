"""A cross-territory admin reads figures, never people: its account opens no page, file or API
of a territory, and the pages it does open read no territory's schema."""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from django_tenants.utils import schema_context

from shared_apps.oversight.models import OversightGrant
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tests.accounts.factories import UserFactory
from tests.applications.factories import ApplicationFactory
from tests.candidates.factories import CandidateFactory
from tests.conftest import OTHER_TERRITORY_DOMAIN, TERRITORY_DOMAIN
from tests.oversight.factories import PublishedOfferFactory
from tests.statistics.factories import TerritoryDailyFigureFactory

SUPERVISION_PAGES = ["/supervision/", "/supervision/export.csv", "/supervision/offres.csv", "/supervision/carte.json"]
SECRETS = ["Quasimodo", "zephirine.quasimodo@example.org", "06 98 76 54 32", "Je suis disponible tout de suite."]
CONVERTER_VALUES = {
    "int": "{pk}",
    "slug": "domicile",
    "str": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


@pytest.fixture
def person(territory):
    """A candidate of the test territory who applied to an offer: what must stay out of reach."""
    user = UserFactory(
        role=Role.CANDIDATE, first_name="Zéphirine", last_name="Quasimodo", email="zephirine.quasimodo@example.org"
    )
    candidate = CandidateFactory(user=user, phone="06 98 76 54 32", visible=True, occupations=["J1501"])
    return ApplicationFactory(candidate=candidate)


@pytest.fixture
def overseeing(supervisor, territory, other_territory):
    with schema_context("public"):
        OversightGrant.objects.create(user=supervisor, department="59")
    TerritoryDailyFigureFactory(territory=territory)


def portal_urls(pk: int) -> list[str]:
    """Every GET route of a portal, its parameters filled with the candidate's and application's id."""
    urls = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and not route.startswith("^"):
                filled = re.sub(r"<(?:(\w+):)?\w+>", lambda m: CONVERTER_VALUES[m.group(1) or "str"], route)
                urls.append("/" + filled.replace("{pk}", str(pk)).lstrip("^").rstrip("$"))

    walk(get_resolver(settings.ROOT_URLCONF).url_patterns, "")
    return sorted(set(urls))


def test_the_admin_s_session_opens_nothing_more_than_an_anonymous_visit_on_any_portal(
    supervision, overseeing, person, territory, other_territory
):
    """Every route of both portals, with the admin's cookies and without: the same answer, and
    never the candidate's name, e-mail, phone or message (sessions are per schema: the provider
    site's is unknown to a portal)."""
    urls = portal_urls(person.pk) + portal_urls(person.candidate.pk)
    assert len(urls) > 100
    supervision.raise_request_exception = False
    anonymous = Client(raise_request_exception=False)

    for host in (TERRITORY_DOMAIN, OTHER_TERRITORY_DOMAIN):
        for url in urls:
            response = supervision.get(url, HTTP_HOST=host)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert not any(secret in body.decode(errors="replace") for secret in SECRETS), (host, url)
            assert response.status_code == anonymous.get(url, HTTP_HOST=host).status_code, (host, url)
            connection.set_tenant(territory)
            if url.startswith(("/gestion/", "/cvtheque/", "/candidat/", "/employeur/", "/conseiller/")):
                assert response.status_code != 200 or "inscription" in url, (host, url)


def test_its_pages_read_the_public_schema_s_roll_ups_only(supervision, overseeing, person, territory, other_territory):
    PublishedOfferFactory(territory=territory, title=person.offer.title)
    territory_only_tables = {
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.app_config.name in settings.TENANT_APPS
        and model._meta.app_config.name not in settings.SHARED_APPS
    }

    with CaptureQueriesContext(connection) as queries:
        for url in SUPERVISION_PAGES:
            response = supervision.get(url)
            assert response.status_code == 200, url
            # A server reads a streamed file on the provider host's connection (the test client
            # has put the test's territory back on it meanwhile).
            with schema_context("public"):
                body = b"".join(response.streaming_content) if response.streaming else response.content
            assert not any(secret in body.decode() for secret in SECRETS), url

    statements = [query["sql"] for query in queries.captured_queries]
    search_paths = {sql for sql in statements if sql.startswith("SET search_path")}
    assert search_paths == {'SET search_path = "public"'}
    tables = set(re.findall(r'(?:FROM|JOIN)\s+"?(\w+)"?', " ".join(statements))) - {"unnest"}
    assert tables, "no query captured"
    assert not tables & territory_only_tables
    assert not any(schema in " ".join(statements) for schema in (territory.schema_name, other_territory.schema_name))
    # The only personal row read is the admin's own account (authentication).
    assert tables <= {
        "tenants_domain",
        "tenants_territory",
        "tenants_territory_communes",
        "django_session",
        "accounts_user",
        "otp_totp_totpdevice",
        "otp_static_staticdevice",
        "oversight_oversightgrant",
        "referentials_commune",
        "territory_figures_territorydailyfigure",
        "territory_figures_territorymonthlyfigure",
        "directory_publishedoffer",
    }


def test_deleting_a_territory_s_user_with_the_admin_s_id_leaves_its_grants(supervisor, overseeing):
    """A territory's users live in its schema, with ids of their own: deleting the one whose id is
    the admin's is deleting someone else, never the admin's grants."""
    User.objects.filter(pk=supervisor.pk).delete()  # the test territory's schema
    UserFactory(id=supervisor.pk, role=Role.CANDIDATE).delete()

    with schema_context("public"):
        assert OversightGrant.objects.filter(user_id=supervisor.pk).count() == 1
