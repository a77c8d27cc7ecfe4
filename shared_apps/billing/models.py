"""Billing of territories, in the public schema: Stripe is the source of truth,
these tables are what its webhooks last told us."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shared_apps.billing.enums import LAPSED_STATUSES, PAYMENT_DUE_STATUSES, ServiceLevel, SubscriptionStatus


class PlanQuerySet(models.QuerySet):
    def for_population(self, population: int):
        """The active plan of the smallest band that holds ``population``, or None."""
        return (
            self.filter(is_active=True)
            .filter(models.Q(max_population__isnull=True) | models.Q(max_population__gte=population))
            .order_by(models.F("max_population").asc(nulls_last=True))
            .first()
        )

    def for_territory(self, territory):
        """The plan chosen for the territory when it was onboarded, while offered; otherwise its band's."""
        chosen = self.filter(is_active=True, chosen_for__territory=territory).first()
        return chosen or self.for_population(territory.population)


class Plan(models.Model):
    """A plan for territories up to a population, sold at a Stripe Price (see settings.BILLING_PLANS)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    max_population = models.PositiveIntegerField(
        _("population maximale"), null=True, blank=True, help_text=_("Vide : sans limite.")
    )
    stripe_price_id = models.CharField(_("identifiant du prix Stripe"), max_length=100, unique=True)
    is_active = models.BooleanField(
        _("proposée"), default=True, help_text=_("Une formule retirée reste liée aux abonnements qui l'utilisent.")
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("formule")
        verbose_name_plural = _("formules")
        ordering = [models.F("max_population").asc(nulls_last=True)]

    def __str__(self):
        return self.name


class PlanChoice(models.Model):
    """The plan provider staff chose for a territory at its onboarding (console), which its admin
    then subscribes to instead of its population band's."""

    territory = models.OneToOneField(
        "tenants.Territory", on_delete=models.CASCADE, related_name="plan_choice", verbose_name=_("territoire")
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="chosen_for", verbose_name=_("formule"))
    chosen_by = models.EmailField(_("choisie par"), blank=True)
    chosen_at = models.DateTimeField(_("choisie le"), default=timezone.now)

    class Meta:
        verbose_name = _("formule choisie")
        verbose_name_plural = _("formules choisies")
        ordering = ["territory__name"]

    def __str__(self):
        return f"{self.territory} : {self.plan}"


class Customer(models.Model):
    """A territory as Stripe's customer, the payer of its subscriptions; created at its first checkout."""

    territory = models.OneToOneField(
        "tenants.Territory", on_delete=models.CASCADE, related_name="billing_customer", verbose_name=_("territoire")
    )
    stripe_customer_id = models.CharField(_("identifiant du client Stripe"), max_length=100, unique=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("client Stripe")
        verbose_name_plural = _("clients Stripe")
        ordering = ["territory__name"]

    def __str__(self):
        return f"{self.territory} ({self.stripe_customer_id})"


class SubscriptionQuerySet(models.QuerySet):
    def current_for(self, territory):
        """The territory's latest subscription (the one its service depends on), or None."""
        return self.filter(territory=territory).select_related("plan").order_by("-started_at", "-pk").first()


class Subscription(models.Model):
    """A Stripe subscription of a territory, as the latest applied event described it."""

    territory = models.ForeignKey(
        "tenants.Territory", on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("territoire")
    )
    stripe_subscription_id = models.CharField(_("identifiant de l'abonnement Stripe"), max_length=100, unique=True)
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="subscriptions", verbose_name=_("formule")
    )
    status = models.CharField(_("statut"), max_length=20, choices=SubscriptionStatus)
    started_at = models.DateTimeField(_("souscrit le"))
    current_period_end = models.DateTimeField(_("fin de la période en cours"), null=True, blank=True)
    cancel_at_period_end = models.BooleanField(_("résiliation en fin de période"), default=False)
    status_changed_at = models.DateTimeField(_("statut depuis le"))
    last_event_at = models.DateTimeField(
        _("date Stripe du dernier événement appliqué"),
        help_text=_("Un événement plus ancien, reçu en retard, est ignoré."),
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")
        ordering = ["territory__name", "-started_at"]

    def __str__(self):
        return f"{self.territory} — {self.get_status_display()}"

    @property
    def read_only_from(self) -> datetime.datetime | None:
        """When a lapsed subscription's grace period ends."""
        if self.status not in LAPSED_STATUSES:
            return None
        return self.status_changed_at + datetime.timedelta(days=settings.BILLING_GRACE_DAYS)

    def service_level(self, now: datetime.datetime | None = None) -> ServiceLevel:
        if self.status in LAPSED_STATUSES:
            if (now or timezone.now()) >= self.read_only_from:
                return ServiceLevel.READ_ONLY
            return ServiceLevel.PAYMENT_ISSUE
        if self.status in PAYMENT_DUE_STATUSES:
            return ServiceLevel.PAYMENT_ISSUE
        return ServiceLevel.FULL


class WebhookEvent(models.Model):
    """A Stripe event, kept by its id: a redelivered event is recognised and changes nothing."""

    stripe_event_id = models.CharField(_("identifiant de l'événement Stripe"), max_length=100, unique=True)
    type = models.CharField(_("type"), max_length=100)
    created = models.DateTimeField(_("émis le"))
    received_at = models.DateTimeField(_("reçu le"), auto_now_add=True)
    payload = models.JSONField(_("contenu"))

    class Meta:
        verbose_name = _("événement Stripe")
        verbose_name_plural = _("événements Stripe")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.type} ({self.stripe_event_id})"
