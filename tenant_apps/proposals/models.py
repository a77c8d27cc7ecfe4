from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenant_apps.proposals.enums import ProposalStatus


class ProposalQuerySet(models.QuerySet):
    def for_display(self):
        return self.select_related("candidate__user", "candidate__commune", "proposed_by", "offer__employer")

    def pending_first(self):
        pending = models.Case(models.When(status=ProposalStatus.PENDING, then=0), default=1)
        return self.order_by(pending, "-created_at", "-pk")


class Proposal(models.Model):
    """An advisor's pre-selection: a candidate proposed to the employer of an offer, who
    accepts (an application is made, already shortlisted) or declines with a reason."""

    offer = models.ForeignKey(
        "offers.Offer", verbose_name=_("offre"), on_delete=models.CASCADE, related_name="proposals"
    )
    candidate = models.ForeignKey(
        "candidates.Candidate", verbose_name=_("candidat"), on_delete=models.CASCADE, related_name="proposals"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposé par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message à l'employeur"), max_length=2000, blank=True)
    status = models.CharField(_("état"), max_length=10, choices=ProposalStatus, default=ProposalStatus.PENDING)
    answer_reason = models.TextField(_("motif"), max_length=2000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("réponse de"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    application = models.OneToOneField(
        "applications.Application",
        verbose_name=_("candidature"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
    )
    created_at = models.DateTimeField(_("proposé le"), auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposition de candidat")
        verbose_name_plural = _("propositions de candidats")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["offer", "candidate"], name="proposal_unique_candidate")]

    def __str__(self):
        return f"{self.candidate} → {self.offer}"
