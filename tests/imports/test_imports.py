"""Importing candidates and employers from a previous tool: a dry run reports each rejected
line and why, a malformed file imports nothing, a confirmed import creates the valid lines."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.candidates.models import Candidate
from tenant_apps.employers.models import Employer
from tenant_apps.imports import services
from tenant_apps.imports.enums import ImportKind
from tests.accounts.factories import UserFactory
from tests.employers.factories import EmployerFactory, valid_siret

CANDIDATES = """email;prenom;nom;telephone;commune;metiers;permis;vehicule;disponible_le
ines.leclere@example.org;Inès;Leclère;06 12 34 56 78;Wormhout;D1102|D1106;oui;non;01/02/2027
paul@example.org;Paul;Dewaele;;Hondschoote;Boulanger / Boulangère;non;non;
pas-un-email;Zoé;Martin;;Wormhout;;oui;non;
marc@example.org;Marc;Lemaire;;Atlantide;;oui;non;
lea@example.org;Léa;Petit;;Wormhout;Astronaute lunaire;peut-être;non;
ines.leclere@example.org;Inès;Leclère;;Wormhout;;oui;non;
deja@example.org;Déjà;Là;;Wormhout;;oui;non;
"""


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _an_existing_account(territory):
    UserFactory(email="deja@example.org")


def employers_csv(*lines: str) -> bytes:
    return ("siret,nom,secteur,commune,adresse\n" + "\n".join(lines) + "\n").encode()


def test_a_dry_run_reports_each_rejected_line_and_why_and_writes_nothing(territory):
    report = services.import_file(CANDIDATES.encode(), ImportKind.CANDIDATES)

    assert (report.valid, report.imported, report.dry_run) == (2, 0, True)
    reasons = {line.number: " ".join(line.errors) for line in report.rejected}
    assert sorted(reasons) == [4, 5, 6, 7, 8]
    assert "email" in reasons[4]
    assert "commune" in reasons[5]
    assert "metiers" in reasons[6] and "permis" in reasons[6]
    assert reasons[7] == "E-mail en double dans le fichier."
    assert reasons[8] == "Un compte existe déjà avec cet e-mail."
    assert not Candidate.objects.exists()


def test_a_real_run_imports_the_valid_lines_out_of_the_cvtheque_and_without_password(territory):
    report = services.import_file(CANDIDATES.encode(), ImportKind.CANDIDATES, dry_run=False)

    assert report.imported == 2
    ines = Candidate.objects.select_related("user", "commune").get(user__email="ines.leclere@example.org")
    assert (ines.user.first_name, ines.user.role, ines.user.has_usable_password()) == ("Inès", Role.CANDIDATE, False)
    assert (ines.commune.name, ines.latitude, ines.driving_licence, ines.has_vehicle) == (
        "Wormhout",
        ines.commune.latitude,  # placed at their commune's centre, as profiles saved on the site
        True,
        False,
    )
    assert ines.available_from.isoformat() == "2027-02-01"
    assert sorted(ines.occupations.values_list("code", flat=True)) == ines.occupation_codes == ["D1102", "D1106"]
    assert ines.cvtheque_visible is False
    assert Candidate.objects.get(user__email="paul@example.org").occupation_codes == ["D1102"]  # typed as a title
    assert Candidate.objects.filter(search_vector__isnull=False).count() == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4\x00\x01binary", "n'est pas un fichier texte"),
        (b"", "vide"),
        (b"courriel;prenom;nom\na@b.fr;A;B\n", "Colonnes manquantes : email"),
        (b"email;prenom;nom\na@b.fr;A;B;en trop\n", "Ligne 2 : plus de valeurs que de colonnes"),
    ],
)
def test_a_malformed_file_imports_nothing_and_says_why(territory, content, message):
    with pytest.raises(services.MalformedFile, match=message):
        services.import_file(content, ImportKind.CANDIDATES, dry_run=False)
    assert not Candidate.objects.exists()


def test_too_many_lines_is_a_malformed_file(territory, monkeypatch):
    monkeypatch.setattr(services, "MAX_LINES", 2)

    with pytest.raises(services.MalformedFile, match="Plus de 2 lignes"):
        services.import_file(CANDIDATES.encode(), ImportKind.CANDIDATES, dry_run=False)
    assert not Candidate.objects.exists()


def test_a_file_saved_by_excel_on_windows_keeps_its_accents(territory):
    content = "email;prenom;nom\nines@example.org;Inès;Leclère\n".encode("cp1252")

    services.import_file(content, ImportKind.CANDIDATES, dry_run=False)

    assert User.objects.get(email="ines@example.org").last_name == "Leclère"


def test_employers_are_checked_like_on_the_site(territory):
    EmployerFactory(siret=valid_siret(1))
    good, bad_key = valid_siret(2), valid_siret(3)[:-1] + str((int(valid_siret(3)[-1]) + 1) % 10)
    content = employers_csv(
        f"{good},Boulangerie Vandamme,crafts,Wormhout,1 rue de Cassel",
        f"{bad_key},Garage Dewaele,crafts,Wormhout,",
        f"{valid_siret(1)},Déjà là,crafts,Wormhout,",
        f"{valid_siret(4)},Ferme Lemaire,pêche au gros,Wormhout,",
        f"{good},Boulangerie Vandamme bis,crafts,Wormhout,",
    )

    report = services.import_file(content, ImportKind.EMPLOYERS, dry_run=False)

    assert report.imported == 1
    reasons = {line.number: " ".join(line.errors) for line in report.rejected}
    assert sorted(reasons) == [3, 4, 5, 6]
    assert "siret" in reasons[3] and "siret" in reasons[4]
    assert "Secteur inconnu" in reasons[5]
    assert reasons[6] == "SIRET en double dans le fichier."
    bakery = Employer.objects.get(siret=good)
    assert (bakery.name, bakery.commune.name, bakery.address) == ("Boulangerie Vandamme", "Wormhout", "1 rue de Cassel")


def test_the_advisor_checks_then_confirms_an_import_once(login_as):
    client, _advisor = login_as(Role.ADVISOR)
    upload = SimpleUploadedFile("candidats.csv", CANDIDATES.encode(), content_type="text/csv")

    response = client.post("/gestion/import/", {"kind": "candidats", "file": upload})
    page = response.content.decode()
    assert "2 lignes peuvent être importées, 5 seront refusées." in page
    assert not Candidate.objects.exists()
    token = response.context["token"]

    done = client.post("/gestion/import/confirmer/", {"token": token})
    assert "2 lignes importées, 5 refusées." in done.content.decode()
    assert Candidate.objects.count() == 2
    again = client.post("/gestion/import/confirmer/", {"token": token}, follow=True)
    assert "plus disponible" in again.content.decode()
    assert Candidate.objects.count() == 2


def test_a_malformed_upload_is_a_field_error(login_as):
    client, _advisor = login_as(Role.ADVISOR)
    upload = SimpleUploadedFile("cv.pdf", b"%PDF-1.4\x00binary", content_type="text/csv")

    response = client.post("/gestion/import/", {"kind": "candidats", "file": upload})

    assert response.status_code == 400
    assert "n&#x27;est pas un fichier texte" in response.content.decode()
    assert response.context["token"] is None


def test_a_checked_file_is_confirmed_only_by_who_checked_it_in_its_territory(login_as, other_territory):
    client, _advisor = login_as(Role.ADVISOR)
    upload = SimpleUploadedFile("candidats.csv", CANDIDATES.encode(), content_type="text/csv")
    token = client.post("/gestion/import/", {"kind": "candidats", "file": upload}).context["token"]
    colleague, _user = login_as(Role.TERRITORY_ADMIN)
    elsewhere, _user = login_as(Role.TERRITORY_ADMIN, on=other_territory)

    for intruder in [colleague, elsewhere]:
        response = intruder.post("/gestion/import/confirmer/", {"token": token}, follow=True)
        assert "plus disponible" in response.content.decode()
    assert client.post("/gestion/import/confirmer/", {"token": "forged"}, follow=True).status_code == 200
    with other_territory:
        assert not Candidate.objects.exists()


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.RECRUITER, Role.RECEPTION_AGENT, Role.PARTNER])
def test_lower_roles_cannot_import(login_as, portal_client, role):
    client, _user = login_as(role)
    upload = SimpleUploadedFile("candidats.csv", CANDIDATES.encode(), content_type="text/csv")

    assert client.get("/gestion/import/").status_code == 403
    assert client.post("/gestion/import/", {"kind": "candidats", "file": upload}).status_code == 403
    assert client.post("/gestion/import/confirmer/", {"token": "x"}).status_code == 403
    assert portal_client.get("/gestion/import/").status_code == 302


def test_the_command_is_a_dry_run_unless_told_otherwise(territory, tmp_path):
    path = tmp_path / "candidats.csv"
    path.write_text(CANDIDATES)
    out = io.StringIO()

    call_command("import_csv", territory.schema_name, "candidats", str(path), stdout=out)
    assert "2 lignes importables" in out.getvalue() and "ligne 4 refusée" in out.getvalue()
    assert not Candidate.objects.exists()
    call_command("import_csv", territory.schema_name, "candidats", str(path), "--wet-run", stdout=io.StringIO())
    assert Candidate.objects.count() == 2
    path.write_bytes(b"nimporte;quoi\n")
    with pytest.raises(CommandError, match="rien n'est importé"):
        call_command("import_csv", territory.schema_name, "candidats", str(path), "--wet-run")
