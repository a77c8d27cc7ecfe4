"""The territory admin's team pages: portals only (the provider site has its own staff)."""

from django.urls import path

from tenant_apps.accounts import staff_views as views

app_name = "staff"

urlpatterns = [
    path("gestion/equipe/", views.team, name="list"),
    path("gestion/equipe/inviter/", views.invite, name="invite"),
    path("gestion/equipe/<int:pk>/", views.member, name="member"),
    path("gestion/equipe/<int:pk>/desactiver/", views.deactivate, name="deactivate"),
    path("gestion/equipe/<int:pk>/reactiver/", views.reactivate, name="reactivate"),
    path("gestion/equipe/<int:pk>/double-authentification/", views.reset_second_factor, name="reset_second_factor"),
]
