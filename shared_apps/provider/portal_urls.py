"""Support access on a territory's portal (platform/urls.py)."""

from django.urls import path

from shared_apps.provider import portal_views

app_name = "support"

urlpatterns = [
    path("assistance/entrer/<str:token>/", portal_views.enter, name="enter"),
    path("gestion/acces-support/", portal_views.grants, name="grants"),
]
