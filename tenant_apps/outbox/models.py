from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenant_apps.outbox.enums import MessageKind, MessageStatus


class OutboxQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=MessageStatus.PENDING)

    def failed(self):
        return self.filter(status=MessageStatus.FAILED)


class OutboxMessage(models.Model):
    """An e-mail written in the same transaction as the event that causes it, sent afterwards
    by a worker: nothing is lost when the broker or the mail server is down, and a message
    is sent only if what it announces was saved."""

    to = ArrayField(models.EmailField(), verbose_name=_("destinataires"))
    subject = models.CharField(_("objet"), max_length=300)
    body = models.TextField(_("texte"))
    html_body = models.TextField(_("version HTML"), blank=True)
    headers = models.JSONField(_("en-têtes"), default=dict, blank=True)
    # A message of a kind is written with what it is about (``payload``) and composed by the
    # worker that sends it; blank: composed when written.
    kind = models.CharField(_("type"), max_length=30, choices=MessageKind, blank=True)
    payload = models.JSONField(_("contenu à composer"), default=dict, blank=True)
    status = models.CharField(_("état"), max_length=10, choices=MessageStatus, default=MessageStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_status_created")]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"
