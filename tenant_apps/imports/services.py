"""Importing candidates and employers from the tool a territory used before.

A file is read whole before anything is written. A malformed file (not text, not CSV, a
missing column, too many lines) imports nothing and says why. Otherwise each line is
validated like the site's forms; a dry run reports the lines that would be rejected and
why, a real run imports the valid lines in one transaction and reports the others.

Imported candidates get an account without a password (they set one with "mot de passe
oublié", or an agent helps them) and stay out of the CVthèque: consent is not imported.
"""

import csv
import io
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext as _

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.candidates.models import Candidate, refresh_search_vectors
from tenant_apps.employers.models import Employer
from tenant_apps.imports.enums import ImportKind
from tenant_apps.imports.forms import (
    CANDIDATE_COLUMNS,
    EMPLOYER_COLUMNS,
    CandidateLineForm,
    EmployerLineForm,
    resolvers,
)

MAX_LINES = 5000
REQUIRED = {
    ImportKind.CANDIDATES: {"email", "prenom", "nom"},
    ImportKind.EMPLOYERS: {"siret", "nom", "secteur", "commune"},
}


class MalformedFile(Exception):
    """The file cannot be read as the expected CSV: nothing is imported."""


@dataclass
class RejectedLine:
    number: int  # as a spreadsheet numbers it: the header is line 1
    errors: list[str]


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    valid: int = 0
    rejected: list[RejectedLine] = field(default_factory=list)
    imported: int = 0

    @property
    def total(self) -> int:
        return self.valid + len(self.rejected)


def read_rows(content: bytes, kind: str) -> list[dict[str, str]]:
    """The file's lines as dicts of its (lower-cased) columns; MalformedFile otherwise."""
    if b"\x00" in content[:4096]:
        raise MalformedFile(_("Ce fichier n'est pas un fichier texte (CSV)."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")  # as Excel saves it on Windows
        except UnicodeDecodeError:
            raise MalformedFile(_("Le fichier n'est lisible ni en UTF-8 ni en Windows-1252.")) from None
    if not text.strip():
        raise MalformedFile(_("Le fichier est vide ou n'est pas lisible comme du texte."))
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        columns = {(name or "").strip().lower() for name in reader.fieldnames or []}
        missing = REQUIRED[kind] - columns
        if missing:
            raise MalformedFile(
                _("Colonnes manquantes : %(missing)s. La première ligne doit nommer les colonnes.")
                % {"missing": ", ".join(sorted(missing))}
            )
        rows = []
        for row in reader:
            if len(rows) >= MAX_LINES:
                raise MalformedFile(_("Plus de %(max)s lignes : découpez le fichier.") % {"max": MAX_LINES})
            if None in row:  # more cells than columns
                raise MalformedFile(
                    _("Ligne %(line)s : plus de valeurs que de colonnes (un séparateur en trop ?).")
                    % {"line": reader.line_num}
                )
            rows.append({(key or "").strip().lower(): (value or "").strip() for key, value in row.items()})
    except csv.Error as error:
        raise MalformedFile(
            _("Le fichier n'est pas un CSV valide (ligne %(line)s).") % {"line": reader.line_num}
        ) from error
    return rows


def _validate(rows, form_class, columns, *, unique_field: str, duplicate: str, taken=frozenset(), taken_message=""):
    """The valid lines' forms and the rejected lines: invalid, already in the file, or taken."""
    lookups = resolvers()
    valid, rejected, seen = [], [], set()
    for number, row in enumerate(rows, start=2):
        form = form_class({name: row.get(column, "") for column, name in columns.items()}, resolvers=lookups)
        if not form.is_valid():
            errors = [f"{name} : {message}" for name, messages in form.errors.items() for message in messages]
            rejected.append(RejectedLine(number, errors))
            continue
        key = form.cleaned_data[unique_field]
        if key in taken:
            rejected.append(RejectedLine(number, [taken_message]))
        elif key in seen:
            rejected.append(RejectedLine(number, [duplicate]))
        else:
            seen.add(key)
            valid.append(form)
    return valid, rejected


def import_file(content: bytes, kind: str, *, dry_run: bool = True) -> ImportReport:
    rows = read_rows(content, kind)
    if kind == ImportKind.CANDIDATES:
        emails = {row.get("email", "").lower() for row in rows}
        valid, rejected = _validate(
            rows,
            CandidateLineForm,
            CANDIDATE_COLUMNS,
            unique_field="email",
            duplicate=_("E-mail en double dans le fichier."),
            taken=set(User.objects.filter(email__in=emails).values_list("email", flat=True)),
            taken_message=_("Un compte existe déjà avec cet e-mail."),
        )
        create = _create_candidates
    else:
        valid, rejected = _validate(
            rows,
            EmployerLineForm,
            EMPLOYER_COLUMNS,
            unique_field="siret",
            duplicate=_("SIRET en double dans le fichier."),
        )
        create = _create_employers
    report = ImportReport(kind=kind, dry_run=dry_run, valid=len(valid), rejected=rejected)
    if not dry_run and valid:
        with transaction.atomic():
            report.imported = create([form.cleaned_data for form in valid])
    return report


def _create_candidates(lines: list[dict]) -> int:
    """Accounts, profiles and wanted occupations in a few statements, whatever the number of lines."""
    no_password = make_password(None)
    users = User.objects.bulk_create(
        User(
            email=line["email"],
            first_name=line["prenom"],
            last_name=line["nom"],
            role=Role.CANDIDATE,
            password=no_password,
        )
        for line in lines
    )
    candidates = Candidate.objects.bulk_create(
        Candidate(
            user=user,
            phone=line["telephone"],
            commune=line["commune"],
            # save() copies the commune's centre; bulk_create does not call it.
            latitude=line["commune"].latitude if line["commune"] else None,
            longitude=line["commune"].longitude if line["commune"] else None,
            driving_licence=line["permis"],
            has_vehicle=line["vehicule"],
            available_from=line["disponible_le"],
            occupation_codes=sorted({occupation.code for occupation in line["metiers"]}),
        )
        for user, line in zip(users, lines, strict=True)
    )
    Candidate.occupations.through.objects.bulk_create(
        Candidate.occupations.through(candidate_id=candidate.pk, occupation_id=code)
        for candidate in candidates
        for code in candidate.occupation_codes
    )
    refresh_search_vectors([candidate.pk for candidate in candidates])
    return len(candidates)


def _create_employers(lines: list[dict]) -> int:
    return len(Employer.objects.bulk_create(Employer(**line) for line in lines))
