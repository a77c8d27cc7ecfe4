import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connection, models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tenant_apps.candidates.enums import ConsentMethod, OnBehalfKind
from tenant_apps.offers.enums import ContractType, WorkingTime
from tenant_apps.offers.models import SEARCH_CONFIG


def cv_path(instance, filename: str) -> str:
    """Files are kept per territory under a random name: the URL of a file never
    serves it (views check permissions and stream it), and a name reveals nothing."""
    return f"{connection.schema_name}/cv/{uuid.uuid4().hex}.pdf"


phone_validator = RegexValidator(
    r"^\+?[0-9 .]{10,20}$", _("Saisissez un numéro de téléphone, par exemple 06 12 34 56 78.")
)


def year_validators():
    return [MinValueValidator(1950), MaxValueValidator(2100)]


class CandidateQuerySet(models.QuerySet):
    def in_cvtheque(self):
        """Candidates who chose to be found by recruiters (a deactivated account is hidden
        when it is deactivated: see candidates.signals)."""
        return self.filter(cvtheque_visible=True)


class Candidate(models.Model):
    """A job seeker's profile, built step by step (see ``ProfileStep``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("compte"), on_delete=models.CASCADE, related_name="candidate"
    )
    phone = models.CharField(_("téléphone"), max_length=20, blank=True, validators=[phone_validator])
    # Home and mobility
    commune = models.ForeignKey(
        "referentials.Commune",
        verbose_name=_("commune de résidence"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    latitude = models.FloatField(null=True, editable=False)  # the commune's centre, for distances
    longitude = models.FloatField(null=True, editable=False)
    driving_licence = models.BooleanField(_("permis B"), default=False)
    has_vehicle = models.BooleanField(_("véhicule personnel"), default=False)
    max_travel_km = models.PositiveSmallIntegerField(
        _("distance acceptée (km)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    public_transport_only = models.BooleanField(
        _("uniquement en transports en commun, à vélo ou à pied"), default=False
    )
    # What they look for
    occupations = models.ManyToManyField(
        "referentials.Occupation", verbose_name=_("métiers recherchés"), blank=True, related_name="+"
    )
    # The same codes, copied by services.set_occupations() for the CVthèque's GIN index.
    occupation_codes = ArrayField(models.CharField(max_length=5), default=list, blank=True, editable=False)
    contract_types = ArrayField(
        models.CharField(max_length=30, choices=ContractType),
        verbose_name=_("contrats recherchés"),
        default=list,
        blank=True,
    )
    working_time = models.CharField(_("temps de travail"), max_length=20, choices=WorkingTime, blank=True)
    available_from = models.DateField(_("disponible à partir du"), null=True, blank=True)
    # About them
    presentation = models.TextField(_("présentation"), max_length=2000, blank=True)
    skills = ArrayField(models.CharField(max_length=100), verbose_name=_("compétences"), default=list, blank=True)
    languages = ArrayField(models.CharField(max_length=100), verbose_name=_("langues"), default=list, blank=True)
    # CV: a checked PDF, or none (a CV is then generated from the profile when needed)
    cv_file = models.FileField(_("CV"), upload_to=cv_path, blank=True)
    cv_text = models.TextField(editable=False, blank=True)
    cv_uploaded_at = models.DateTimeField(_("CV déposé le"), null=True, blank=True)
    # CVthèque: the candidate's choice, off by default, with the date of consent
    cvtheque_visible = models.BooleanField(_("visible des recruteurs dans la CVthèque"), default=False)
    cvtheque_consent_at = models.DateTimeField(_("consentement à la CVthèque le"), null=True, blank=True)
    hide_contact = models.BooleanField(
        _("masquer mes coordonnées"),
        default=False,
        help_text=_("Les recruteurs vous contactent alors par le portail, sans voir votre nom, e-mail ni téléphone."),
    )
    # Assisted mode: the agent who built the profile with the person; empty when the
    # person signed up alone (the statistics count both ways).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé avec l'aide de"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The partner structure the candidate chose (mission locale…): it sees their profile and applications.
    support_organisation = models.ForeignKey(
        "partners.PartnerOrganisation",
        verbose_name=_("structure qui vous accompagne"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidates",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    retention_warning_sent_at = models.DateTimeField(_("prévenu de la suppression le"), null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidat")
        verbose_name_plural = _("candidats")
        indexes = [
            GinIndex(fields=["search_vector"], name="candidate_search_vector"),
            GinIndex(
                fields=["occupation_codes"], name="candidate_cvtheque_occupations", condition=Q(cvtheque_visible=True)
            ),
        ]

    def __str__(self):
        return str(self.user)

    def save(self, *args, **kwargs):
        self.latitude = self.commune.latitude if self.commune else None
        self.longitude = self.commune.longitude if self.commune else None
        super().save(*args, **kwargs)

    @property
    def contract_type_labels(self) -> list[str]:
        return [ContractType(code).label for code in self.contract_types]

    @property
    def display_name(self) -> str:
        """The name recruiters see when contact details are hidden: first name and initial."""
        user = self.user
        if not self.hide_contact:
            return user.get_full_name() or user.email
        initial = f" {user.last_name[:1]}." if user.last_name else ""
        return f"{user.first_name}{initial}".strip() or _("Candidat n° %(id)s") % {"id": self.pk}


REFRESH_SEARCH_VECTORS = f"""
UPDATE candidates_candidate c SET search_vector =
    setweight(to_tsvector('{SEARCH_CONFIG}', coalesce(
        (SELECT string_agg(oc.label, ' ') FROM candidates_candidate_occupations co
         JOIN referentials_occupation oc ON oc.code = co.occupation_id WHERE co.candidate_id = c.id), '')), 'A')
    || setweight(to_tsvector('{SEARCH_CONFIG}', coalesce(
        (SELECT string_agg(e.title, ' ') FROM candidates_experience e WHERE e.candidate_id = c.id), '')
        || ' ' || array_to_string(c.skills, ' ')), 'B')
    || setweight(to_tsvector('{SEARCH_CONFIG}', c.presentation || ' ' || coalesce(
        (SELECT string_agg(t.title || ' ' || t.description, ' ') FROM candidates_training t
         WHERE t.candidate_id = c.id), '')
        || ' ' || coalesce((SELECT string_agg(e.description, ' ') FROM candidates_experience e
                            WHERE e.candidate_id = c.id), '')), 'C')
    || setweight(to_tsvector('{SEARCH_CONFIG}', left(c.cv_text, 20000)), 'D')
WHERE c.id = ANY(%s)
"""  # noqa: S608 (a constant)


def refresh_search_vectors(candidate_ids) -> None:
    """The weighted French text of profiles: occupations, then experiences and
    skills, then presentation and training, then the CV's text; in one UPDATE."""
    with connection.cursor() as cursor:
        cursor.execute(REFRESH_SEARCH_VECTORS, [list(candidate_ids)])


class Experience(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="experiences")
    title = models.CharField(_("poste occupé"), max_length=150)
    organisation = models.CharField(_("employeur"), max_length=150, blank=True)
    place = models.CharField(_("lieu"), max_length=100, blank=True)
    start_year = models.PositiveSmallIntegerField(_("année de début"), validators=year_validators())
    end_year = models.PositiveSmallIntegerField(
        _("année de fin"), null=True, blank=True, validators=year_validators(), help_text=_("vide : en cours")
    )
    description = models.TextField(_("missions"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("expérience")
        verbose_name_plural = _("expériences")
        ordering = [models.F("end_year").desc(nulls_first=True), "-start_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True) | models.Q(end_year__gte=models.F("start_year")),
                name="experience_years_order",
                violation_error_message=_("L'année de fin doit suivre l'année de début."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def period(self) -> str:
        if self.end_year is None:
            return _("depuis %(year)s") % {"year": self.start_year}
        if self.end_year == self.start_year:
            return str(self.start_year)
        return f"{self.start_year} – {self.end_year}"


class Training(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="trainings")
    title = models.CharField(_("formation ou diplôme"), max_length=150)
    organisation = models.CharField(_("établissement"), max_length=150, blank=True)
    year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True, validators=year_validators())
    description = models.TextField(_("précisions"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("formation")
        verbose_name_plural = _("formations")
        ordering = [models.F("year").desc(nulls_last=True), "pk"]

    def __str__(self):
        return self.title


class ProfileView(models.Model):
    """A recruiter, advisor or partner opened a candidate's card: the candidate can see who."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="views")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consultation d'un profil")
        verbose_name_plural = _("consultations des profils")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.viewer} → {self.candidate}"


class AssistedRegistrationQuerySet(models.QuerySet):
    def not_taken_over(self):
        return self.filter(taken_over_at__isnull=True)


class AssistedRegistration(models.Model):
    """A profile an agent built with the person (assisted mode): the consent they recorded,
    and the person's takeover of the account, by the e-mailed link or the printed sheet's code.

    Until the takeover, the territory's agents act on the person's behalf (each action
    is kept in ``OnBehalfAction``); after it, only the person acts.
    """

    candidate = models.OneToOneField(Candidate, on_delete=models.CASCADE, related_name="assisted")
    consent_method = models.CharField(_("consentement donné"), max_length=20, choices=ConsentMethod)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consentement recueilli par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    consent_at = models.DateTimeField(_("consentement recueilli le"))
    # The sheet's one-time code, hashed like a password; empty when none is valid.
    code_hash = models.CharField(max_length=128, blank=True, editable=False)
    code_expires_at = models.DateTimeField(_("code valable jusqu'au"), null=True, blank=True, editable=False)
    code_failed_attempts = models.PositiveSmallIntegerField(_("essais de code erronés"), default=0, editable=False)
    taken_over_at = models.DateTimeField(_("compte repris par la personne le"), null=True, blank=True)

    objects = AssistedRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription accompagnée")
        verbose_name_plural = _("inscriptions accompagnées")

    def __str__(self):
        return str(self.candidate)


class OnBehalfAction(models.Model):
    """Something an agent did for the person, which the person sees as such."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="on_behalf_actions")
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("agent"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("action"), max_length=20, choices=OnBehalfKind)
    details = models.CharField(_("précisions"), max_length=200, blank=True)
    at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("action faite pour le candidat")
        verbose_name_plural = _("actions faites pour les candidats")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.candidate}"
