from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenant_apps.followup.enums import FollowUpStatus, InteractionKind


class FollowUp(models.Model):
    """How the territory's advisors follow a candidate: who, where the person stands, tags.
    A candidate without a row is new and unassigned."""

    candidate = models.OneToOneField(
        "candidates.Candidate", verbose_name=_("candidat"), on_delete=models.CASCADE, related_name="followup"
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("conseiller"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_candidates",
    )
    status = models.CharField(_("situation"), max_length=10, choices=FollowUpStatus, default=FollowUpStatus.NEW)
    tags = ArrayField(models.CharField(max_length=40), verbose_name=_("étiquettes"), default=list, blank=True)
    last_contact_at = models.DateTimeField(_("dernier contact"), null=True, blank=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("suivi d'un candidat")
        verbose_name_plural = _("suivis des candidats")
        indexes = [GinIndex(fields=["tags"], name="followup_tags")]

    def __str__(self):
        return str(self.candidate)


class Interaction(models.Model):
    """A note, appointment or call in a candidate's file. Staff only: the candidate never sees it."""

    candidate = models.ForeignKey(
        "candidates.Candidate", verbose_name=_("candidat"), on_delete=models.CASCADE, related_name="interactions"
    )
    kind = models.CharField(_("type"), max_length=12, choices=InteractionKind, default=InteractionKind.NOTE)
    happened_at = models.DateTimeField(_("date"), default=timezone.now)
    text = models.TextField(_("compte rendu"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("échange avec un candidat")
        verbose_name_plural = _("échanges avec les candidats")
        ordering = ["-happened_at", "-pk"]
        indexes = [models.Index(fields=["candidate", "-happened_at"], name="interaction_candidate_date")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.candidate}"


class EmployerContact(models.Model):
    """Prospecting: a visit, a call, a need discussed with an employer."""

    employer = models.ForeignKey(
        "employers.Employer", verbose_name=_("employeur"), on_delete=models.CASCADE, related_name="contacts"
    )
    kind = models.CharField(_("type"), max_length=12, choices=InteractionKind, default=InteractionKind.CALL)
    happened_at = models.DateTimeField(_("date"), default=timezone.now)
    text = models.TextField(_("compte rendu"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contact avec un employeur")
        verbose_name_plural = _("contacts avec les employeurs")
        ordering = ["-happened_at", "-pk"]
        indexes = [models.Index(fields=["employer", "-happened_at"], name="employer_contact_date")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.employer}"


class HireCheckQuerySet(models.QuerySet):
    def due(self, today):
        return self.filter(answered_at__isnull=True, due_on__lte=today)


class HireCheck(models.Model):
    """1, 3 and 6 months after a hire: is the person still employed? The answer measures
    lasting hires, not only signed contracts."""

    hire = models.ForeignKey(
        "applications.Hire", verbose_name=_("recrutement"), on_delete=models.CASCADE, related_name="checks"
    )
    months = models.PositiveSmallIntegerField(_("mois après l'embauche"))
    due_on = models.DateField(_("à vérifier le"))
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    still_employed = models.BooleanField(_("toujours en poste"), null=True)
    answered_at = models.DateTimeField(_("vérifié le"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vérifié par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = HireCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("suivi d'un recrutement")
        verbose_name_plural = _("suivis des recrutements")
        ordering = ["due_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["hire", "months"], name="hire_check_unique_months")]
        indexes = [models.Index(fields=["due_on"], condition=Q(answered_at__isnull=True), name="hire_check_due")]

    def __str__(self):
        return f"{self.hire} — {self.months}"
