from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import schema_context, tenant_context

from tenant_apps.accounts.enums import TERRITORY_ROLES
from tenant_apps.accounts.models import User
from tenants.demo import (
    CANDIDATES_PER_SCALE,
    attach_demo_partner,
    attach_demo_recruiter,
    populate,
    populate_backoffice,
    populate_candidates,
)
from tenants.enums import TerritoryStatus
from tenants.services import OnboardingError, onboard_territory

DEMO_PASSWORD = "demo-emploi-local"  # noqa: S105 (demo accounts, printed to whoever runs the demo)
DEMO_TERRITORIES = [
    {
        "epci_siren": "200040954",
        "domain": "hauts-de-flandre.localhost",
        "primary_color": "#1d4f91",
        "secondary_color": "#8a3b12",
        "welcome_text": "Trouvez un emploi près de chez vous, dans les 40 communes des Hauts de Flandre.",
        "contact_email": "emploi@hauts-de-flandre.example.org",
        "contact_phone": "03 28 00 00 00",
    },
    {
        "epci_siren": "200040947",
        "domain": "coeur-de-flandre.localhost",
        "primary_color": "#2e6b30",
        "secondary_color": "#6a1b6e",
        "welcome_text": "Les offres d'emploi des entreprises du Coeur de Flandre, à deux pas de chez vous.",
        "contact_email": "emploi@coeur-de-flandre.example.org",
        "contact_phone": "03 28 11 11 11",
    },
]


class Command(BaseCommand):
    help = (
        "Crée les territoires de démonstration (CC des Hauts de Flandre, CA Coeur de Flandre) et leurs comptes. "
        "Sans effet sur un territoire qui existe déjà."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="multiplie le volume généré (25 employeurs, 80 offres et 40 candidats par unité)",
        )

    def handle(self, *args, scale, **options):
        territories = []
        for demo in DEMO_TERRITORIES:
            branding = dict(demo)
            try:
                result = onboard_territory(
                    epci_siren=branding.pop("epci_siren"),
                    domain=branding.pop("domain"),
                    admin_email=f"admin@{demo['domain'].split('.')[0]}.example.org",
                    status=TerritoryStatus.ACTIVE,
                )
            except OnboardingError as error:
                raise CommandError(str(error), returncode=1) from error
            territory = result.territory
            territories.append(territory)
            if not result.created:
                self.stdout.write(f"{territory.name} existe déjà : {result.portal_url}")
                continue
            for field, value in branding.items():
                setattr(territory, field, value)
            territory.full_clean(exclude=["schema_name"])
            territory.save()
            self._create_demo_accounts(territory)
            with tenant_context(territory):
                employers, offers = populate(territory, scale=scale)
                candidates = populate_candidates(territory, CANDIDATES_PER_SCALE * scale)
                attach_demo_recruiter()
                attach_demo_partner()
                populate_backoffice(territory)
            self.stdout.write(f"  {employers} employeurs, {offers} offres, {candidates} candidats générés")
            self.stdout.write(self.style.SUCCESS(f"{territory.name} : {result.portal_url}"))
        # Neighbours share their offers with each other (used by the offers search).
        territories[0].shares_offers_with.add(territories[1])
        territories[1].shares_offers_with.add(territories[0])

    def _create_demo_accounts(self, territory):
        prefix = territory.primary_domain.split(".")[0]
        with schema_context(territory.schema_name):
            admin = User.objects.get(email=f"admin@{prefix}.example.org")
            admin.set_password(DEMO_PASSWORD)
            admin.save(update_fields=["password"])
            for role in TERRITORY_ROLES:
                User.objects.get_or_create(
                    email=f"{role.value.replace('_', '-')}@{prefix}.example.org",
                    defaults={"role": role, "password": admin.password},
                )
        self.stdout.write(
            f"  comptes de démonstration : <rôle>@{prefix}.example.org "
            f"(candidate, recruiter, reception-agent, advisor, partner, territory-admin), mot de passe {DEMO_PASSWORD}"
        )
