from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tenants.backup import BackupError, import_territory


class Command(BaseCommand):
    help = (
        "Restaure l'archive d'un territoire sous un nouveau schéma et un nouveau domaine. "
        "Sans --wet-run, vérifie l'archive et dit ce qui serait fait, sans rien changer."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="archive écrite par export_territory")
        parser.add_argument("--schema", required=True, help="schéma du nouveau territoire, par exemple epci_copie")
        parser.add_argument("--domain", required=True, help="domaine du nouveau portail")
        parser.add_argument("--wet-run", action="store_true", help="restaurer pour de bon")

    def handle(self, *args, file, schema, domain, wet_run, **options):
        try:
            plan = import_territory(file, schema=schema, domain=domain, dry_run=not wet_run)
        except BackupError as error:
            raise CommandError(str(error), returncode=1) from error
        manifest = plan.manifest
        verb = "restauré" if wet_run else "serait restauré"
        self.stdout.write(
            f"{manifest['territory']['name']} (schéma {manifest['schema']}, version {manifest['app_version']}) "
            f"{verb} sous le schéma {plan.schema}, au domaine {plan.domain} (identifiant {plan.slug}) : "
            f"{len(manifest['row_counts'])} tables, {plan.rows} lignes, {len(plan.files)} fichiers."
        )
        if plan.epci_siren is None and manifest["territory"].get("epci_siren"):
            self.stdout.write("Son EPCI est déjà celui d'un autre territoire : la copie n'en a pas.")
        if not wet_run:
            self.stdout.write("Rien n'a changé : relancez avec --wet-run pour restaurer.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Portail : {plan.territory.portal_url()}"))
