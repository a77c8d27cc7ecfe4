from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import get_tenant_model, tenant_context

from tenant_apps.imports import services
from tenant_apps.imports.enums import ImportKind


class Command(BaseCommand):
    help = "Importe des candidats ou des employeurs d'un fichier CSV dans un territoire (simulation par défaut)."

    def add_arguments(self, parser):
        parser.add_argument("schema", help="Schéma du territoire, par exemple epci_200040954.")
        parser.add_argument("kind", choices=ImportKind.values)
        parser.add_argument("path")
        parser.add_argument("--wet-run", action="store_true", help="Importer pour de bon (sinon : simulation).")

    def handle(self, schema, kind, path, wet_run, **options):
        territory = get_tenant_model().objects.filter(schema_name=schema).first()
        if territory is None:
            raise CommandError(f"Aucun territoire n'a le schéma {schema}.")
        with open(path, "rb") as file:
            content = file.read()
        with tenant_context(territory):
            try:
                report = services.import_file(content, kind, dry_run=not wet_run)
            except services.MalformedFile as error:
                raise CommandError(f"Fichier refusé, rien n'est importé : {error}") from error
        for line in report.rejected:
            self.stdout.write(f"ligne {line.number} refusée : {' ; '.join(line.errors)}")
        verb = "importées" if wet_run else "importables (simulation : relancer avec --wet-run)"
        self.stdout.write(f"{report.valid} lignes {verb}, {len(report.rejected)} refusées.")
