from django.urls import path

from shared_apps.provider import views

urlpatterns = [path("", views.home, name="home")]
