from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenant_apps.accounts.enums import Role
from tenant_apps.audit.enums import AuditAction


class AuditEntryQuerySet(models.QuerySet):
    def for_list(self):
        """What the journal page shows, in one query."""
        return self.select_related("actor", "on_behalf_of")


class AuditEntry(models.Model):
    """Who did what to whose personal data, kept in the territory's schema.

    The actor and the target are also written down as text (``actor_label``, ``target_label``):
    the journal must still say who did what after the user or the record is deleted — the whole point
    of a journal is to outlive what it describes. ``target_type``/``target_id`` rather than a generic
    foreign key for the same reason: no cascade, no dangling content type."""

    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("auteur (texte)"), max_length=300)
    actor_role = models.CharField(_("rôle de l'auteur"), max_length=30, blank=True)
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pour le compte de"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=30, choices=AuditAction)
    target_type = models.CharField(_("type de donnée"), max_length=50, blank=True)
    target_id = models.CharField(_("identifiant"), max_length=50, blank=True)
    target_label = models.CharField(_("donnée"), max_length=300, blank=True)
    details = models.JSONField(_("détails"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("entrée du journal")
        verbose_name_plural = _("journal des accès")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_entry_target")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"

    @property
    def actor_role_label(self) -> str:
        return Role(self.actor_role).label if self.actor_role in Role.values else self.actor_role
