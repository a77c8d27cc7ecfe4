from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tenants.backup import BackupError, export_territory


class Command(BaseCommand):
    help = "Sauvegarde un territoire (schéma, fichiers déposés, manifeste) dans une archive tar."

    def add_arguments(self, parser):
        parser.add_argument("territory", help="schéma ou domaine du territoire, par exemple epci_200040954")
        parser.add_argument("file", type=Path, help="archive à écrire, par exemple territoire.tar")

    def handle(self, *args, territory, file, **options):
        if file.exists():
            raise CommandError(f"{file} existe déjà : choisissez un autre nom.", returncode=1)
        try:
            manifest = export_territory(territory, file)
        except BackupError as error:
            file.unlink(missing_ok=True)
            raise CommandError(str(error), returncode=1) from error
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"{manifest['territory']['name']} ({manifest['schema']}) sauvegardé dans {file} : "
                f"{len(manifest['row_counts'])} tables, {rows} lignes."
            )
        )
