from django.core.management.base import BaseCommand

from shared_apps.billing.services import sync_plans


class Command(BaseCommand):
    help = "Copie les formules de settings.BILLING_PLANS (prix Stripe) dans la table des formules."

    def handle(self, *args, **options):
        plans = sync_plans()
        for plan in plans:
            self.stdout.write(f"{plan.name} : {plan.stripe_price_id}")
        if not plans:
            self.stdout.write("Aucune formule proposée : définissez STRIPE_PRICE_SMALL, _MEDIUM ou _LARGE.")
