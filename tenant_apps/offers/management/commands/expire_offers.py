from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tenants.utils import tenant_context

from tenant_apps.offers import services
from tenant_apps.offers.models import Offer
from tenants.models import Territory


class Command(BaseCommand):
    help = (
        "Retire les offres arrivées à leur date limite et prévient les employeurs une semaine avant, "
        "dans chaque territoire (ce que fait la tâche quotidienne). "
        "Sans --wet-run, affiche seulement ce qui changerait."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="appliquer les changements")

    def handle(self, *args, wet_run, **options):
        now = timezone.now()
        for territory in Territory.objects.portals().prefetch_related("domains"):
            with tenant_context(territory):
                if wet_run:
                    expired = services.expire_due_offers(now)
                    warned = services.warn_offers_expiring_soon(base_url=territory.portal_url().rstrip("/"), now=now)
                else:
                    expired = Offer.objects.expired_by(now).count()
                    warned = Offer.objects.expiring_within(now, services.EXPIRY_WARNING_DAYS).count()
            self.stdout.write(f"{territory.name} : {expired} offre(s) expirée(s), {warned} avertie(s)")
        if not wet_run:
            self.stdout.write("Simulation : relancez avec --wet-run pour appliquer.")
