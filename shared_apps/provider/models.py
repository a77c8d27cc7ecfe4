"""The provider console's records, in the public schema: what provider staff did, and the
support accesses they opened to territories' portals."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shared_apps.provider.enums import ConsoleAction


class ConsoleAuditEntryQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("actor", "territory")


class ConsoleAuditEntry(models.Model):
    """One console action: who did what to which territory, and when. Written in the same
    transaction as the action, never changed."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=30, choices=ConsoleAction)
    territory = models.ForeignKey(
        "tenants.Territory",
        verbose_name=_("territoire"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    details = models.JSONField(_("détails"), default=dict, blank=True)
    created_at = models.DateTimeField(_("le"), default=timezone.now, db_index=True)

    objects = ConsoleAuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("action de la console")
        verbose_name_plural = _("journal de la console")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.get_action_display()} {self.territory or ''}"


class ProviderSupportGrantQuerySet(models.QuerySet):
    def active(self, now=None):
        """Grants that still let their holder into the territory's portal."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ProviderSupportGrant(models.Model):
    """Provider staff may enter a territory's portal as its admin only through a grant:
    a reason, a short life (SUPPORT_GRANT_DURATION), revocable, visible to the territory's admin.
    How it is used: shared_apps.provider.support."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("membre de l'équipe"), on_delete=models.PROTECT, related_name="+"
    )
    territory = models.ForeignKey(
        "tenants.Territory", verbose_name=_("territoire"), on_delete=models.CASCADE, related_name="support_grants"
    )
    # Copied from the staff member: the territory's portal shows it without reading the public
    # schema's users (a territory schema has an accounts_user table of its own).
    staff_email = models.EmailField(_("e-mail du membre de l'équipe"))
    reason = models.TextField(_("motif"))
    created_at = models.DateTimeField(_("ouvert le"), default=timezone.now)
    expires_at = models.DateTimeField(_("expire le"))
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)
    entered_at = models.DateTimeField(
        _("utilisé le"), null=True, blank=True, help_text=_("Le lien d'entrée ne sert qu'une fois.")
    )

    objects = ProviderSupportGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("accès support")
        verbose_name_plural = _("accès support")
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="support_grant_has_a_reason")]

    def __str__(self):
        return f"{self.staff} → {self.territory} ({self.created_at:%Y-%m-%d %H:%M})"

    def is_active(self, now=None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())
