from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenant_apps.cvtheque.enums import InvitationAnswer


class SavedCandidate(models.Model):
    """A candidate a recruiter or an advisor keeps in their selection."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_candidates")
    candidate = models.ForeignKey("candidates.Candidate", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("candidat sauvegardé")
        verbose_name_plural = _("candidats sauvegardés")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "candidate"], name="one_save_per_candidate")]

    def __str__(self):
        return f"{self.user} ★ {self.candidate}"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(answer=InvitationAnswer.PENDING)


class ApplyInvitation(models.Model):
    """A recruiter found a candidate in the CVthèque and invites them to apply to an offer."""

    offer = models.ForeignKey("offers.Offer", verbose_name=_("offre"), on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(
        "candidates.Candidate", verbose_name=_("candidat"), on_delete=models.CASCADE, related_name="invitations"
    )
    message = models.TextField(_("message"), max_length=2000)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    answer = models.CharField(_("réponse"), max_length=10, choices=InvitationAnswer, default=InvitationAnswer.PENDING)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    application = models.OneToOneField(
        "applications.Application", on_delete=models.SET_NULL, null=True, blank=True, related_name="invitation"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation à postuler")
        verbose_name_plural = _("invitations à postuler")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["offer", "candidate"], name="one_invitation_per_offer")]

    def __str__(self):
        return f"{self.candidate} ← {self.offer}"
