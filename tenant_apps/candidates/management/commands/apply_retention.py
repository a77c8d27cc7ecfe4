from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tenants.utils import tenant_context

from tenant_apps.candidates import privacy
from tenants.models import Territory


class Command(BaseCommand):
    help = (
        "Prévient les candidats inactifs depuis la durée de conservation du territoire et supprime ceux "
        "prévenus il y a 30 jours sans s'être reconnectés (ce que fait la tâche quotidienne). "
        "Sans --wet-run, affiche seulement ce qui changerait."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="appliquer les changements")

    def handle(self, *args, wet_run, **options):
        now = timezone.now()
        for territory in Territory.objects.portals().prefetch_related("domains"):
            with tenant_context(territory):
                warned, erased = privacy.apply_retention(
                    months=territory.candidate_retention_months,
                    base_url=territory.portal_url().rstrip("/"),
                    now=now,
                    dry_run=not wet_run,
                )
            self.stdout.write(f"{territory.name} : {warned} candidat(s) prévenu(s), {erased} supprimé(s)")
        if not wet_run:
            self.stdout.write("Simulation : relancez avec --wet-run pour appliquer.")
