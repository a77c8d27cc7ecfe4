from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriptionStatus(models.TextChoices):
    """Stripe's statuses of a subscription."""

    INCOMPLETE = "incomplete", _("Premier paiement en attente")
    INCOMPLETE_EXPIRED = "incomplete_expired", _("Premier paiement non abouti")
    TRIALING = "trialing", _("Période d'essai")
    ACTIVE = "active", _("Actif")
    PAST_DUE = "past_due", _("Paiement en retard")
    UNPAID = "unpaid", _("Impayé")
    CANCELED = "canceled", _("Résilié")
    PAUSED = "paused", _("En pause")


# Stripe is still trying to collect the payment: full service, and the admin is warned.
PAYMENT_DUE_STATUSES = {SubscriptionStatus.INCOMPLETE, SubscriptionStatus.PAST_DUE}
# Nothing more will be collected: the portal turns read-only once the grace period is over.
LAPSED_STATUSES = {
    SubscriptionStatus.INCOMPLETE_EXPIRED,
    SubscriptionStatus.UNPAID,
    SubscriptionStatus.CANCELED,
    SubscriptionStatus.PAUSED,
}
# A subscription that can never be paid again: only a new Checkout restores the service.
# The others (unpaid, paused...) are settled in the Customer Portal, which avoids two subscriptions.
ENDED_STATUSES = {SubscriptionStatus.INCOMPLETE_EXPIRED, SubscriptionStatus.CANCELED}


class ServiceLevel(models.TextChoices):
    FULL = "full", _("Service complet")
    PAYMENT_ISSUE = "payment_issue", _("Problème de paiement")
    READ_ONLY = "read_only", _("Lecture seule")


class InvoiceStatus(models.TextChoices):
    """Stripe's statuses of a finalized invoice (drafts are not shown)."""

    OPEN = "open", _("À payer")
    PAID = "paid", _("Payée")
    UNCOLLECTIBLE = "uncollectible", _("Irrécouvrable")
    VOID = "void", _("Annulée")
