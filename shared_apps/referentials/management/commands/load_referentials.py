from django.core.management.base import BaseCommand

from shared_apps.referentials.services import load_referentials


class Command(BaseCommand):
    help = "Charge (ou met à jour) communes, EPCI et référentiel ROME dans le schéma public. Idempotent."

    def handle(self, *args, **options):
        for result in load_referentials():
            self.stdout.write(
                f"{result.table}: {result.inserted} ajoutés, {result.updated} mis à jour, {result.unchanged} inchangés"
            )
