import datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shared_apps.referentials.text import normalize
from tenant_apps.offers.enums import (
    ApplicationMethod,
    ContractType,
    OfferSource,
    OfferStatus,
    RemoteWork,
    SalaryPeriod,
    WorkingTime,
)
from tenant_apps.offers.richtext import render_description

SEARCH_CONFIG = "public.french_unaccent"  # see referentials' migration 0002


class OfferQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=OfferStatus.PUBLISHED)

    def of_employer(self, employer):
        return self.filter(employer=employer)

    def awaiting_moderation(self):
        return self.filter(status=OfferStatus.SUBMITTED)

    def expired_by(self, moment):
        return self.published().filter(expires_at__lte=moment)

    def expiring_within(self, moment, days):
        """Published offers that expire within ``days`` and whose employer was not told yet."""
        return self.published().filter(
            expires_at__gt=moment, expires_at__lte=moment + datetime.timedelta(days=days), expiry_warning_sent_at=None
        )

    def with_relations(self):
        """With what an offer's pages show: employer, its commune, occupation, workplace commune."""
        return self.select_related("employer", "employer__commune", "occupation", "commune")

    def for_display(self):
        """Without the columns only editing and searching read (the typed text, the search data)."""
        return self.defer("description", "search_vector", "search_text")


class Offer(models.Model):
    employer = models.ForeignKey(
        "employers.Employer", verbose_name=_("employeur"), on_delete=models.PROTECT, related_name="offers"
    )
    title = models.CharField(_("intitulé du poste"), max_length=150)
    occupation = models.ForeignKey(
        "referentials.Occupation", verbose_name=_("métier (ROME)"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("description"))
    description_html = models.TextField(editable=False)
    contract_type = models.CharField(_("type de contrat"), max_length=30, choices=ContractType)
    working_time = models.CharField(_("temps de travail"), max_length=20, choices=WorkingTime)
    hours_per_week = models.DecimalField(
        _("heures par semaine"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(48)],
    )
    salary_min = models.DecimalField(_("salaire minimum"), max_digits=9, decimal_places=2, null=True, blank=True)
    salary_max = models.DecimalField(_("salaire maximum"), max_digits=9, decimal_places=2, null=True, blank=True)
    salary_period = models.CharField(_("période du salaire"), max_length=10, choices=SalaryPeriod, blank=True)
    commune = models.ForeignKey(
        "referentials.Commune", verbose_name=_("commune du lieu de travail"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("adresse du lieu de travail"), max_length=300, blank=True)
    # The workplace position (the commune's centre), copied for distance search.
    latitude = models.FloatField(editable=False)
    longitude = models.FloatField(editable=False)
    start_date = models.DateField(_("date de début"), null=True, blank=True)
    end_date = models.DateField(_("date de fin"), null=True, blank=True)
    positions = models.PositiveSmallIntegerField(
        _("nombre de postes"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    driving_licence_required = models.BooleanField(_("permis B exigé"), default=False)
    vehicle_required = models.BooleanField(_("véhicule personnel nécessaire"), default=False)
    qualifications = models.TextField(_("diplômes, qualifications, expérience"), blank=True)
    reachable_without_car = models.BooleanField(
        _("accessible sans voiture"), default=False, help_text=_("Transports en commun, vélo ou à pied.")
    )
    remote_work = models.CharField(_("télétravail"), max_length=10, choices=RemoteWork, default=RemoteWork.NONE)
    application_method = models.CharField(
        _("candidature"), max_length=10, choices=ApplicationMethod, default=ApplicationMethod.PLATFORM
    )
    application_url = models.URLField(_("adresse du site de candidature"), blank=True)
    application_email = models.EmailField(_("e-mail de candidature"), blank=True)

    source = models.CharField(_("origine"), max_length=10, choices=OfferSource, default=OfferSource.EMPLOYER)
    status = models.CharField(_("état"), max_length=20, choices=OfferStatus, default=OfferStatus.DRAFT)
    rejection_reason = models.TextField(_("motif du refus"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("créée par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expire le"), null=True, blank=True)
    expiry_warning_sent_at = models.DateTimeField(_("prévenu de l'expiration le"), null=True, blank=True)
    # Search: French full text (title, occupation, description) and, for typos,
    # trigrams over the normalised title and occupation.
    search_vector = SearchVectorField(null=True, editable=False)
    search_text = models.TextField(editable=False, default="")

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offre")
        verbose_name_plural = _("offres")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="offer_status_published"),
            # The search (offers.search) walks the newest published offers: overall with the index
            # above, commune by commune (the distance order) with this one.
            models.Index(
                fields=["commune", "-published_at", "-id"],
                condition=Q(status="published"),
                name="offer_published_commune",
            ),
            GinIndex(fields=["search_vector"], name="offer_search_vector"),
            GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="offer_search_text_trgm"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=models.F("salary_max")),
                name="offer_salary_range",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(start_date__lte=models.F("end_date")),
                name="offer_dates_order",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.description_html = render_description(self.description)
        self.latitude, self.longitude = self.commune.latitude, self.commune.longitude
        self.search_text = normalize(f"{self.title} {self.occupation.label}")
        super().save(*args, **kwargs)
        refresh_search_vectors([self.pk])


REFRESH_SEARCH_VECTORS = f"""
UPDATE offers_offer o SET search_vector =
    setweight(to_tsvector('{SEARCH_CONFIG}', o.title), 'A')
    || setweight(to_tsvector('{SEARCH_CONFIG}', oc.label), 'B')
    || setweight(to_tsvector('{SEARCH_CONFIG}', o.description), 'C')
FROM referentials_occupation oc
WHERE oc.code = o.occupation_id AND o.id = ANY(%s)
"""  # noqa: S608 (a constant)


def refresh_search_vectors(offer_ids) -> None:
    """The weighted French text of offers (title, occupation, description), in one UPDATE."""
    with connection.cursor() as cursor:
        cursor.execute(REFRESH_SEARCH_VECTORS, [list(offer_ids)])


class OfferTransition(models.Model):
    """One change of an offer's state: who, when, why."""

    offer = models.ForeignKey(Offer, verbose_name=_("offre"), on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("état précédent"), max_length=20, choices=OfferStatus)
    to_status = models.CharField(_("nouvel état"), max_length=20, choices=OfferStatus)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("vide : changement automatique"),
    )
    at = models.DateTimeField(_("le"), auto_now_add=True)
    reason = models.TextField(_("motif"), blank=True)

    class Meta:
        verbose_name = _("changement d'état d'une offre")
        verbose_name_plural = _("changements d'état des offres")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.offer} : {self.from_status} → {self.to_status}"
