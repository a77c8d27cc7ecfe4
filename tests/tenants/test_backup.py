"""A territory saved with export_territory comes back whole with import_territory, under a new name."""

import json
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context, schema_exists

from shared_apps.directory.models import PublishedOffer
from shared_apps.referentials.models import Epci
from tenant_apps.candidates.models import Candidate
from tenant_apps.offers.models import Offer
from tenants import backup
from tenants.models import Domain, Territory
from tenants.services import onboard_territory
from tests.applications.factories import ApplicationFactory
from tests.candidates.factories import CandidateFactory
from tests.offers.factories import OfferFactory

SOURCE_DOMAIN = "sauvegarde.localhost"
COPY_SCHEMA = "copie_restauree"
COPY_DOMAIN = "copie.localhost"


@pytest.fixture
def source(django_db_setup, django_db_blocker, settings, tmp_path):
    """A territory of its own, committed (pg_dump reads from another connection), with two offers,
    a candidate with an uploaded CV and an application; dropped at the end with its copy.

    Outside of the ``db`` fixture's rolled-back transaction, so it leaves the session's two
    territories alone. (The file's tests that use ``db`` also make pytest-django create the test
    database when this file runs alone.)"""
    settings.MEDIA_ROOT = tmp_path / "media"
    with django_db_blocker.unblock():
        taken = Territory.objects.exclude(epci_siren=None).values("epci_siren")
        epci = Epci.objects.exclude(siren__in=taken).filter(communes__isnull=False).order_by("siren").first()
        territory = onboard_territory(
            epci_siren=epci.siren, domain=SOURCE_DOMAIN, admin_email="admin@sauvegarde.example.org"
        ).territory
        try:
            with territory:
                offer = OfferFactory(published=True, title="Aide-soignant de nuit")
                OfferFactory(title="Cuisinier")
                candidate = CandidateFactory(user__email="lea@example.org")
                candidate.cv_file.save("cv.pdf", ContentFile(b"%PDF-1.4 le CV de Lea"))
                ApplicationFactory(candidate=candidate, offer=offer)
            yield territory
        finally:
            connection.set_schema_to_public()
            for schema in (territory.schema_name, COPY_SCHEMA):
                with connection.cursor() as cursor:
                    cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
                Territory.objects.filter(schema_name=schema).delete()


def test_a_territory_comes_back_whole_under_a_new_schema_and_domain(source, tmp_path, settings):
    archive = tmp_path / "territoire.tar"

    call_command("export_territory", SOURCE_DOMAIN, str(archive))
    call_command("import_territory", str(archive), "--schema", COPY_SCHEMA, "--domain", COPY_DOMAIN, "--wet-run")

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["schema"] == source.schema_name and manifest["domains"][0]["domain"] == SOURCE_DOMAIN
    assert manifest["row_counts"]["offers_offer"] == 2 and manifest["row_counts"]["candidates_candidate"] == 1
    assert backup.row_counts(COPY_SCHEMA) == manifest["row_counts"] == backup.row_counts(source.schema_name)
    copy = Territory.objects.get(schema_name=COPY_SCHEMA)
    assert copy.name == source.name and copy.slug != source.slug and copy.epci_siren is None
    assert set(copy.communes.values_list("insee", flat=True)) == set(manifest["communes"])
    assert list(copy.domains.values_list("domain", flat=True)) == [COPY_DOMAIN]
    assert list(PublishedOffer.objects.filter(territory=copy).values_list("title", flat=True)) == [
        "Aide-soignant de nuit"
    ]
    with schema_context(COPY_SCHEMA):
        assert sorted(Offer.objects.values_list("title", flat=True)) == ["Aide-soignant de nuit", "Cuisinier"]
        candidate = Candidate.objects.select_related("user").get()
        assert candidate.user.email == "lea@example.org"
        assert candidate.cv_file.name.startswith(f"{COPY_SCHEMA}/cv/")
        with candidate.cv_file.open("rb") as cv:
            assert cv.read() == b"%PDF-1.4 le CV de Lea"
        application = candidate.applications.get()
        assert application.cv.name.startswith(f"{COPY_SCHEMA}/candidatures/") and application.cv.storage.exists(
            application.cv.name
        )
    assert schema_exists(source.schema_name)  # the original is untouched
    with schema_context(source.schema_name):
        assert Candidate.objects.get().cv_file.name.startswith(f"{source.schema_name}/cv/")
    assert Client(HTTP_HOST=COPY_DOMAIN).get("/").status_code == 200


def test_the_import_is_a_dry_run_by_default_and_refuses_taken_names(source, tmp_path, capsys):
    archive = tmp_path / "territoire.tar"
    call_command("export_territory", source.schema_name, str(archive))

    call_command("import_territory", str(archive), "--schema", COPY_SCHEMA, "--domain", COPY_DOMAIN)

    assert "Rien n'a changé" in capsys.readouterr().out
    assert not schema_exists(COPY_SCHEMA) and not Domain.objects.filter(domain=COPY_DOMAIN).exists()
    with pytest.raises(CommandError, match="existe déjà"):
        call_command("import_territory", str(archive), "--schema", source.schema_name, "--domain", COPY_DOMAIN)
    with pytest.raises(CommandError, match="déjà celui d'un territoire"):
        call_command("import_territory", str(archive), "--schema", COPY_SCHEMA, "--domain", SOURCE_DOMAIN)


def test_a_file_that_is_not_an_archive_is_refused(tmp_path, db):
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"pas une archive")

    with pytest.raises(CommandError, match="Archive illisible"):
        call_command("import_territory", str(junk), "--schema", COPY_SCHEMA, "--domain", COPY_DOMAIN)


def test_a_failed_restore_leaves_nothing_behind(source, tmp_path, monkeypatch, settings):
    archive = tmp_path / "territoire.tar"
    backup.export_territory(source.schema_name, archive)

    def disk_full(*args, **kwargs):
        raise OSError("plus de place sur le disque")

    monkeypatch.setattr(backup.shutil, "copyfile", disk_full)  # after the schema and the rows
    with pytest.raises(OSError, match="plus de place"):
        backup.import_territory(archive, schema=COPY_SCHEMA, domain=COPY_DOMAIN, dry_run=False)

    assert not schema_exists(COPY_SCHEMA) and not Territory.objects.filter(schema_name=COPY_SCHEMA).exists()
    assert not Domain.objects.filter(domain=COPY_DOMAIN).exists()
    assert not (settings.MEDIA_ROOT / COPY_SCHEMA).exists()


def test_pg_dump_must_match_the_server(monkeypatch, db):
    monkeypatch.setattr(type(connection), "pg_version", 990000, raising=False)

    with pytest.raises(backup.BackupError, match="version 99"):
        backup.client_tools()
