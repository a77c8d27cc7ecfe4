from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenant_apps.employers.enums import ApplicationAlerts, Sector
from tenant_apps.employers.validators import validate_siret


class Employer(models.Model):
    """An organisation that recruits on the territory's portal (company, craftsman,
    association, temporary work agency...)."""

    siret = models.CharField(_("SIRET"), max_length=14, unique=True, validators=[validate_siret])
    name = models.CharField(_("raison sociale ou enseigne"), max_length=200)
    sector = models.CharField(_("secteur"), max_length=30, choices=Sector)
    commune = models.ForeignKey(
        "referentials.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("employeur")
        verbose_name_plural = _("employeurs")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A recruiter works for one employer."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("recruteur"), on_delete=models.CASCADE, related_name="membership"
    )
    employer = models.ForeignKey(
        Employer, verbose_name=_("employeur"), on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(_("arrivé le"), auto_now_add=True)
    application_alerts = models.CharField(
        _("nouvelles candidatures"), max_length=10, choices=ApplicationAlerts, default=ApplicationAlerts.INSTANT
    )

    class Meta:
        verbose_name = _("recruteur d'un employeur")
        verbose_name_plural = _("recruteurs des employeurs")

    def __str__(self):
        return f"{self.user} — {self.employer}"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True)


class Invitation(models.Model):
    """A recruiter asks a colleague to join their employer's account."""

    employer = models.ForeignKey(
        Employer, verbose_name=_("employeur"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("adresse e-mail"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invité par"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "email"],
                condition=models.Q(accepted_at__isnull=True),
                name="one_pending_invitation_per_email",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.employer}"
