"""Onboarding of territories: the one service behind ``onboard_territory``,
``seed_demo`` and (later) the provider console."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context

from shared_apps.referentials.models import Commune, Epci
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.accounts.services import activation_path
from tenant_apps.outbox.services import queue_mail
from tenants.enums import TerritoryKind, TerritoryStatus
from tenants.models import Domain, Territory
from tenants.validators import validate_hostname

# "CC des Hauts de Flandre" -> "hauts-de-flandre": the kind and the article say
# nothing about the place.
EPCI_NAME_PREFIX = re.compile(
    r"^(CC|CA|CU|Métropole|Communauté (de communes|d'agglomération|urbaine))\s+(de la |de l'|des |du |de |d')?",
    re.IGNORECASE,
)


class OnboardingError(Exception):
    """A request to onboard a territory that cannot be carried out; the message says why."""


@dataclass(frozen=True)
class Onboarding:
    territory: Territory
    created: bool
    activation_url: str = ""

    @property
    def portal_url(self) -> str:
        return self.territory.portal_url()


def territory_slug(epci: Epci) -> str:
    slug = slugify(EPCI_NAME_PREFIX.sub("", epci.name)) or slugify(epci.name)
    # Two EPCIs may share a place name ("CC du Pays de X", "CA du Pays de X").
    return f"{slug}-{epci.siren}" if Territory.objects.filter(slug=slug).exists() else slug


def ensure_provider_and_template() -> None:
    """Create the provider's tenant row (public schema, provider domain) and the
    template schema that new territories are cloned from, if missing."""
    with schema_context(get_public_schema_name()):
        provider, _created = Territory.objects.get_or_create(
            schema_name=get_public_schema_name(),
            defaults={"kind": TerritoryKind.PROVIDER, "name": "Emploi Local", "slug": "fournisseur"},
        )
        Domain.objects.get_or_create(domain=settings.PROVIDER_DOMAIN, defaults={"tenant": provider, "is_primary": True})
        if not Territory.objects.filter(schema_name=settings.TENANT_BASE_SCHEMA).exists():
            # Its schema is built by running the migrations: it is the first tenant
            # schema and there is nothing to clone yet.
            Territory(
                schema_name=settings.TENANT_BASE_SCHEMA,
                kind=TerritoryKind.TEMPLATE,
                name="Modèle",
                slug="modele",
            ).save(verbosity=0)


def _check_request(epci_siren: str, domain: str, admin_email: str) -> Epci:
    epci = Epci.objects.filter(siren=epci_siren).first()
    if epci is None:
        if not Epci.objects.exists():
            raise OnboardingError(_("Référentiels absents : lancez d'abord « manage.py load_referentials »."))
        raise OnboardingError(_("SIREN %(siren)s inconnu : aucun EPCI ne porte ce numéro.") % {"siren": epci_siren})
    try:
        validate_hostname(domain)
    except ValidationError as error:
        raise OnboardingError(error.messages[0]) from error
    if Domain.objects.filter(domain=domain).exists():
        raise OnboardingError(_("Le domaine %(domain)s est déjà utilisé.") % {"domain": domain})
    try:
        validate_email(admin_email)
    except ValidationError as error:
        raise OnboardingError(_("Adresse e-mail invalide : %(email)s.") % {"email": admin_email}) from error
    return epci


def onboard_territory(
    *,
    epci_siren: str,
    domain: str,
    admin_email: str,
    theme: str = "base",
    status: str = TerritoryStatus.TRIAL,
) -> Onboarding:
    """Create a territory from its EPCI: schema, member communes, domain, first admin.

    All or nothing: the territory row, its schema (PostgreSQL DDL is
    transactional), its domain and its admin are created in one transaction, so
    a failure leaves no territory without its schema. Onboarding an EPCI that
    already has a territory changes nothing.
    """
    epci_siren = epci_siren.strip()
    domain = domain.strip().lower()
    with schema_context(get_public_schema_name()):
        existing = Territory.objects.filter(epci_siren=epci_siren).first()
        if existing is not None:
            return Onboarding(existing, created=False)
        epci = _check_request(epci_siren, domain, admin_email)
        ensure_provider_and_template()
        with transaction.atomic():
            territory = Territory(
                schema_name=f"epci_{epci.siren}",
                kind=TerritoryKind.TERRITORY,
                name=epci.name,
                slug=territory_slug(epci),
                epci_siren=epci.siren,
                population=epci.population,
                status=status,
                theme=theme,
            )
            try:
                territory.full_clean(exclude=["schema_name"])
            except ValidationError as error:
                raise OnboardingError(" ".join(error.messages)) from error
            territory.save(verbosity=0)
            Territory.communes.through.objects.bulk_create(
                Territory.communes.through(territory_id=territory.pk, commune_id=insee)
                for insee in Commune.objects.filter(epci=epci).values_list("insee", flat=True)
            )
            Domain.objects.create(domain=domain, tenant=territory, is_primary=True)
            with schema_context(territory.schema_name):
                admin = User.objects.create_user(admin_email, role=Role.TERRITORY_ADMIN)
                activation_url = territory.portal_url().rstrip("/") + activation_path(admin)
            # The link is also returned to the caller (and printed by the command).
            queue_mail(
                "tenants/emails/admin_invitation.txt",
                [admin_email],
                {"territory": territory, "activation_url": activation_url},
            )
    return Onboarding(territory, created=True, activation_url=activation_url)
