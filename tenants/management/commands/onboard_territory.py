from django.core.management.base import BaseCommand, CommandError

from tenants.services import OnboardingError, onboard_territory


class Command(BaseCommand):
    help = "Crée le portail d'un territoire à partir du SIREN de son EPCI (schéma, communes, domaine, administrateur)."

    def add_arguments(self, parser):
        parser.add_argument("--epci", required=True, help="SIREN de l'EPCI, par exemple 200040954")
        parser.add_argument("--domain", required=True, help="domaine du portail, par exemple emploi.cchf.fr")
        parser.add_argument("--admin-email", required=True, help="e-mail du premier administrateur du territoire")
        parser.add_argument("--theme", default="base")

    def handle(self, *args, epci, domain, admin_email, theme, **options):
        try:
            result = onboard_territory(epci_siren=epci, domain=domain, admin_email=admin_email, theme=theme)
        except OnboardingError as error:
            raise CommandError(str(error), returncode=1) from error
        territory = result.territory
        if not result.created:
            self.stdout.write(f"Le territoire {territory.name} existe déjà : rien n'a changé. {result.portal_url}")
            return
        self.stdout.write(
            self.style.SUCCESS(f"Territoire créé : {territory.name} ({territory.communes.count()} communes)")
        )
        self.stdout.write(f"Portail : {result.portal_url}")
        self.stdout.write(f"Lien d'activation de {admin_email} (usage unique) : {result.activation_url}")
