"""Stripe's webhook, on the provider site (the billing tables are in the public schema)."""

from django.urls import path

from shared_apps.billing import views

urlpatterns = [path("stripe/webhook/", views.webhook, name="stripe_webhook")]
