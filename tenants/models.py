import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin
from django_tenants.utils import schema_exists

from tenants.cloning import clone_schema
from tenants.enums import TerritoryKind, TerritoryStatus
from tenants.validators import validate_brand_colour, validate_hostname


def available_themes() -> list[str]:
    """Theme folders under ``themes/``: ``base`` and the ones that override its templates."""
    return sorted(path.name for path in settings.THEMES_DIR.iterdir() if (path / "templates").is_dir())


def validate_theme(value: str) -> None:
    from django.core.exceptions import ValidationError

    if value not in available_themes():
        raise ValidationError(_("Thème inconnu : %(value)s."), params={"value": value}, code="theme")


def logo_path(territory, filename: str) -> str:
    # Content-addressed, so a new logo gets a new URL and caches never serve the old one.
    territory.logo.file.seek(0)
    digest = hashlib.sha256(territory.logo.file.read()).hexdigest()[:16]
    territory.logo.file.seek(0)
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"territories/{territory.schema_name}/logo-{digest}.{extension}"


class TerritoryQuerySet(models.QuerySet):
    def portals(self):
        """Real territories, without the provider's row and the template schema."""
        return self.filter(kind=TerritoryKind.TERRITORY)


class Territory(TenantMixin):
    kind = models.CharField(_("nature"), max_length=20, choices=TerritoryKind, default=TerritoryKind.TERRITORY)
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=100, unique=True)
    epci_siren = models.CharField(_("SIREN de l'EPCI"), max_length=9, unique=True, null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), default=0)
    status = models.CharField(_("statut"), max_length=20, choices=TerritoryStatus, default=TerritoryStatus.TRIAL)
    communes = models.ManyToManyField(
        "referentials.Commune", verbose_name=_("communes membres"), related_name="territories", blank=True
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    # Set by the provider console: the portal keeps serving its pages but accepts no change
    # (billing.middleware.ReadOnlyPortalMiddleware); its data stays.
    suspended_at = models.DateTimeField(_("suspendu le"), null=True, blank=True)
    suspension_reason = models.TextField(_("motif de la suspension"), blank=True)

    # Branding
    theme = models.CharField(_("thème"), max_length=40, default="base", validators=[validate_theme])
    logo = models.FileField(_("logo"), upload_to=logo_path, blank=True)
    primary_color = models.CharField(
        _("couleur principale"), max_length=7, default="#1d4f91", validators=[validate_brand_colour]
    )
    secondary_color = models.CharField(
        _("couleur secondaire"), max_length=7, default="#8a3b12", validators=[validate_brand_colour]
    )
    welcome_text = models.TextField(_("texte d'accueil"), blank=True)
    contact_email = models.EmailField(_("e-mail de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone de contact"), max_length=30, blank=True)
    contact_address = models.CharField(_("adresse de contact"), max_length=300, blank=True)
    map_tile_url = models.CharField(
        _("serveur de tuiles de la carte"),
        max_length=300,
        default="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        help_text=_("Adresse des tuiles avec {z}, {x} et {y}, par exemple celles de l'IGN ou d'OpenStreetMap."),
    )
    map_attribution = models.CharField(
        _("mention des sources de la carte"), max_length=300, default="© les contributeurs d'OpenStreetMap"
    )

    # Settings
    offer_moderation = models.BooleanField(
        _("modération des offres"), default=False, help_text=_("Un conseiller valide chaque offre avant publication.")
    )
    default_search_radius_km = models.PositiveSmallIntegerField(_("rayon de recherche par défaut (km)"), default=15)
    offer_validity_days = models.PositiveSmallIntegerField(_("durée de validité des offres (jours)"), default=60)
    candidate_retention_months = models.PositiveSmallIntegerField(
        _("conservation des comptes candidats inactifs (mois)"),
        default=24,
        validators=[MinValueValidator(6), MaxValueValidator(120)],
        help_text=_(
            "Passé ce délai sans connexion, la personne est prévenue, puis son compte est supprimé 30 jours après."
        ),
    )
    shares_offers_with = models.ManyToManyField(
        "self",
        verbose_name=_("territoires voisins avec qui partager les offres"),
        symmetrical=False,
        blank=True,
        related_name="receives_offers_from",
    )

    auto_create_schema = True

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(default_search_radius_km__gte=1, default_search_radius_km__lte=200),
                name="territory_radius_range",
            ),
            models.CheckConstraint(
                condition=models.Q(offer_validity_days__gte=1, offer_validity_days__lte=365),
                name="territory_validity_range",
            ),
            models.CheckConstraint(
                condition=models.Q(candidate_retention_months__gte=6, candidate_retention_months__lte=120),
                name="territory_retention_range",
            ),
        ]

    def __str__(self):
        return self.name

    def create_schema(self, check_if_exists=False, sync_schema=True, verbosity=1):
        """New territories are copied from the template schema with our own clone
        (see tenants/cloning.py); the template itself is built by migrations."""
        base_schema = settings.TENANT_BASE_SCHEMA
        if self.schema_name == base_schema or not schema_exists(base_schema):
            return super().create_schema(check_if_exists, sync_schema, verbosity)
        if check_if_exists and schema_exists(self.schema_name):
            return False
        clone_schema(base_schema, self.schema_name)
        return True

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def primary_domain(self) -> str:
        # Iterates domains.all() so that a prefetch_related("domains") serves it.
        return next((domain.domain for domain in self.domains.all() if domain.is_primary), "")

    def portal_url(self) -> str:
        return settings.PORTAL_URL_TEMPLATE.format(domain=self.primary_domain) if self.primary_domain else ""


class Domain(DomainMixin):
    class Meta:
        verbose_name = _("domaine")
        verbose_name_plural = _("domaines")

    def clean(self):
        super().clean()
        validate_hostname(self.domain)
