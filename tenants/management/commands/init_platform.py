from django.core.management.base import BaseCommand

from shared_apps.billing.services import sync_plans
from tenants.services import ensure_provider_and_template


class Command(BaseCommand):
    help = (
        "Crée la ligne du site fournisseur (domaine PROVIDER_DOMAIN) et le schéma modèle des territoires, "
        "s'ils manquent, et met à jour les formules d'abonnement (BILLING_PLANS)."
    )

    def handle(self, *args, **options):
        ensure_provider_and_template()
        sync_plans()
