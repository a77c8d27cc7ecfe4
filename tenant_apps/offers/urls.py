from django.urls import path

from tenant_apps.offers import views

app_name = "offers"

urlpatterns = [
    path("offres/", views.search, name="search"),
    path("offres/<int:pk>/", views.detail, name="detail"),
    path("employeur/offres/nouvelle/", views.create, name="create"),
    path("employeur/offres/<int:pk>/", views.manage, name="manage"),
    path("employeur/offres/<int:pk>/modifier/", views.edit, name="edit"),
    path("employeur/offres/<int:pk>/<slug:name>/", views.transition, name="transition"),
    path("conseiller/moderation/", views.moderation, name="moderation"),
]
