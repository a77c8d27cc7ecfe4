import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_tenants.utils import tenant_context

from tenant_apps.statistics import services
from tenant_apps.statistics.models import DailyFigure
from tenants.models import Territory


class DryRun(Exception):
    """Rolls a simulated refresh back."""


class Command(BaseCommand):
    help = (
        "Recalcule les statistiques de chaque territoire sur les derniers jours (ce que fait la tâche "
        "de nuit), par exemple après un import de données anciennes. "
        "Sans --wet-run, affiche seulement combien de chiffres seraient écrits."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=35, help="jours recalculés avant aujourd'hui (35)")
        parser.add_argument("--wet-run", action="store_true", help="écrire les chiffres")

    def handle(self, *args, days, wet_run, **options):
        if days < 0:
            raise CommandError("--days doit être positif ou nul.")
        since = timezone.localdate() - datetime.timedelta(days=days)
        for territory in Territory.objects.portals():
            with tenant_context(territory):
                try:
                    with transaction.atomic():
                        # A simulation leaves the cache's counters for the real run.
                        services.refresh(since, with_counters=wet_run)
                        written = DailyFigure.objects.filter(date__gte=since.replace(day=1)).count()
                        if not wet_run:
                            raise DryRun
                except DryRun:
                    pass
            self.stdout.write(f"{territory.name} : {written} chiffre(s) depuis le {since:%d/%m/%Y}")
        if not wet_run:
            self.stdout.write("Simulation : relancez avec --wet-run pour écrire.")
