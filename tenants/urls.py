from django.urls import path

from tenants import views

urlpatterns = [
    path("", views.home, name="home"),
    path("logo", views.logo, name="logo"),
    path("confidentialite/", views.privacy, name="privacy"),
    path("gestion/portail/", views.portal_settings, name="portal_settings"),
]
