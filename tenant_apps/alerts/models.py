from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenant_apps.alerts.enums import Frequency
from tenant_apps.offers.enums import ContractType, WorkingTime


class AlertQuerySet(models.QuerySet):
    def active(self):
        """Confirmed (double opt-in) and not unsubscribed."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Alert(models.Model):
    """A saved search: new offers that match it are e-mailed, at the chosen frequency."""

    email = models.EmailField(_("adresse e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="alerts"
    )
    frequency = models.CharField(_("fréquence"), max_length=10, choices=Frequency, default=Frequency.DAILY)
    # The search, as the search page's form cleaned it
    text = models.CharField(_("mots-clés"), max_length=200, blank=True)
    commune = models.ForeignKey(
        "referentials.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    radius_km = models.PositiveSmallIntegerField(_("distance (km)"), null=True, blank=True)
    contract_types = ArrayField(
        models.CharField(max_length=30, choices=ContractType), default=list, blank=True, verbose_name=_("contrats")
    )
    working_time = models.CharField(_("temps de travail"), max_length=20, choices=WorkingTime, blank=True)
    without_car = models.BooleanField(_("accessible sans voiture"), default=False)
    # The language of the page the alert was saved from: its e-mails are written by workers,
    # outside any request.
    language = models.CharField(_("langue"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("désabonnée le"), null=True, blank=True)
    # Offers published up to this moment have been matched (and are never matched again).
    matched_until = models.DateTimeField(null=True, blank=True)
    # Matches beyond the LISTED newest of a run, not recorded: the next e-mail gives their number.
    more_matches = models.PositiveIntegerField(default=0)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alerte")
        verbose_name_plural = _("alertes")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["frequency", "confirmed_at"], name="alert_frequency")]

    def __str__(self):
        return f"{self.email} : {self.summary}"

    @property
    def summary(self) -> str:
        parts = [f"« {self.text} »" if self.text else str(_("toutes les offres"))]
        if self.commune_id:
            parts.append(_("à %(km)s km de %(commune)s") % {"km": self.radius_km, "commune": self.commune.name})
        parts += [ContractType(code).label for code in self.contract_types]
        if self.working_time:
            parts.append(WorkingTime(self.working_time).label.lower())
        if self.without_car:
            parts.append(str(_("sans voiture")))
        return ", ".join(str(part) for part in parts)


class AlertMatch(models.Model):
    """An offer found for an alert: at most once (the unique constraint, not a hope), sent once."""

    # No index of its own: the unique constraint's index starts with it, and a run writes a
    # million of these rows at 100,000 alerts (one index less: 10 % of the run).
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="matches", db_index=False)
    offer = models.ForeignKey("offers.Offer", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("offre trouvée pour une alerte")
        verbose_name_plural = _("offres trouvées pour les alertes")
        constraints = [models.UniqueConstraint(fields=["alert", "offer"], name="one_match_per_alert_and_offer")]
        indexes = [models.Index(fields=["alert"], condition=models.Q(sent_at__isnull=True), name="alertmatch_unsent")]

    def __str__(self):
        return f"{self.alert_id} → {self.offer_id}"


class CandidateAlert(models.Model):
    """A recruiter (or advisor) is told of candidates newly visible in the CVthèque who want
    the offer's occupation and live within the distance they accept from its workplace."""

    offer = models.ForeignKey("offers.Offer", on_delete=models.CASCADE, related_name="candidate_alerts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidate_alerts")
    created_at = models.DateTimeField(auto_now_add=True)
    matched_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("alerte candidats d'une offre")
        verbose_name_plural = _("alertes candidats des offres")
        constraints = [models.UniqueConstraint(fields=["offer", "user"], name="one_candidate_alert_per_offer")]

    def __str__(self):
        return f"{self.user} ← {self.offer}"


class CandidateAlertMatch(models.Model):
    alert = models.ForeignKey(CandidateAlert, on_delete=models.CASCADE, related_name="matches")
    candidate = models.ForeignKey("candidates.Candidate", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "candidate"], name="one_match_per_candidate_alert_and_candidate")
        ]

    def __str__(self):
        return f"{self.alert_id} → {self.candidate_id}"
