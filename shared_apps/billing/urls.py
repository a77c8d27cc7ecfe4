"""The territory admin's subscription pages, on the portal."""

from django.urls import path

from shared_apps.billing import views

app_name = "billing"

urlpatterns = [
    path("gestion/abonnement/", views.subscription, name="subscription"),
    path("gestion/abonnement/souscrire/", views.checkout, name="checkout"),
    path("gestion/abonnement/gerer/", views.customer_portal, name="customer_portal"),
]
