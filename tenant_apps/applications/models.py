import uuid

from django.conf import settings
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from tenant_apps.applications.enums import CLOSED_STATUSES, ApplicationStatus, HireSource
from tenant_apps.candidates.enums import CvKind


def application_cv_path(instance, filename: str) -> str:
    """The CV as sent, kept apart from the profile's (which may change or go)."""
    return f"{connection.schema_name}/candidatures/{uuid.uuid4().hex}.pdf"


class ApplicationQuerySet(models.QuerySet):
    def of_employer(self, employer):
        return self.filter(offer__employer=employer)

    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)


class Application(models.Model):
    """A candidate applies to an offer through the portal, once."""

    # Empty once the candidate deleted their account: the application stays, anonymous, in the statistics.
    candidate = models.ForeignKey(
        "candidates.Candidate",
        verbose_name=_("candidat"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="applications",
    )
    offer = models.ForeignKey(
        "offers.Offer", verbose_name=_("offre"), on_delete=models.CASCADE, related_name="applications"
    )
    message = models.TextField(_("message au recruteur"), max_length=3000, blank=True)
    cv = models.FileField(_("CV envoyé"), upload_to=application_cv_path, blank=True)
    cv_kind = models.CharField(_("CV"), max_length=10, choices=CvKind)
    status = models.CharField(_("état"), max_length=20, choices=ApplicationStatus, default=ApplicationStatus.SUBMITTED)
    # Assisted mode: the agent who sent it for the person (candidates.services.can_act_on_behalf).
    on_behalf_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("envoyée pour le candidat par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "offer"], name="one_application_per_offer"),
        ]

    def __str__(self):
        return f"{self.candidate or _('candidat supprimé')} → {self.offer}"


class ApplicationTransition(models.Model):
    """One change of an application's state: who, when, why (the reason is shown to the candidate)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("état précédent"), max_length=20, choices=ApplicationStatus, blank=True)
    to_status = models.CharField(_("nouvel état"), max_length=20, choices=ApplicationStatus)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("le"), auto_now_add=True)
    reason = models.TextField(_("motif"), blank=True)
    # ``by`` is then an agent acting for the candidate (assisted mode), not the candidate.
    on_behalf = models.BooleanField(_("pour le candidat"), default=False)

    class Meta:
        verbose_name = _("changement d'état d'une candidature")
        verbose_name_plural = _("changements d'état des candidatures")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application} : {self.from_status} → {self.to_status}"


class ApplicationNote(models.Model):
    """The recruiter's internal note: never shown to the candidate."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("note"), max_length=2000)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("note interne")
        verbose_name_plural = _("notes internes")
        ordering = ["at", "pk"]

    def __str__(self):
        return self.text[:50]


class Hire(models.Model):
    """A position of an offer filled, with where the person came from (the territory's key figure)."""

    offer = models.ForeignKey("offers.Offer", verbose_name=_("offre"), on_delete=models.CASCADE, related_name="hires")
    application = models.OneToOneField(
        Application,
        verbose_name=_("candidature"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hire",
    )
    source = models.CharField(_("origine"), max_length=10, choices=HireSource)
    hired_on = models.DateField(_("date d'embauche"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistré par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recrutement")
        verbose_name_plural = _("recrutements")
        ordering = ["-hired_on", "-pk"]

    def __str__(self):
        return f"{self.offer} ({self.get_source_display()})"


class ExternalApplicationClick(models.Model):
    """A visitor followed an offer's external application link or address: the only trace we can have."""

    offer = models.ForeignKey("offers.Offer", on_delete=models.CASCADE, related_name="external_clicks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("clic vers une candidature externe")
        verbose_name_plural = _("clics vers des candidatures externes")

    def __str__(self):
        return f"{self.offer} — {self.at:%Y-%m-%d}"
