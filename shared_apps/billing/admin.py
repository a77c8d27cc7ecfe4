"""Provider staff see each territory's billing here; Stripe is where it changes
(plans come from settings.BILLING_PLANS), so everything is read-only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from shared_apps.billing.models import Customer, Plan, PlanChoice, Subscription, WebhookEvent
from tenants.admin_scopes import PublicSchemaAdmin


class ReadOnlyAdmin(PublicSchemaAdmin, admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "max_population", "stripe_price_id", "is_active"]
    list_filter = ["is_active"]


@admin.register(Customer)
class CustomerAdmin(ReadOnlyAdmin):
    list_display = ["territory", "stripe_customer_id", "created_at"]
    list_select_related = ["territory"]
    search_fields = ["territory__name", "stripe_customer_id"]


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin):
    list_display = [
        "territory",
        "status",
        "service",
        "plan",
        "current_period_end",
        "cancel_at_period_end",
        "status_changed_at",
        "stripe_subscription_id",
    ]
    list_filter = ["status", "plan", "cancel_at_period_end"]
    list_select_related = ["territory", "plan"]
    search_fields = ["territory__name", "stripe_subscription_id"]

    @admin.display(description=_("service"))
    def service(self, subscription):
        return subscription.service_level().label


@admin.register(WebhookEvent)
class WebhookEventAdmin(ReadOnlyAdmin):
    list_display = ["type", "stripe_event_id", "created", "received_at"]
    list_filter = ["type"]
    search_fields = ["stripe_event_id"]


@admin.register(PlanChoice)
class PlanChoiceAdmin(ReadOnlyAdmin):
    """Chosen when onboarding from the console (provider.services.onboard)."""

    list_display = ["territory", "plan", "chosen_by", "chosen_at"]
    list_select_related = ["territory", "plan"]
    search_fields = ["territory__name"]
