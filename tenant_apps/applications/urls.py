from django.urls import path

from tenant_apps.applications import views

app_name = "applications"

urlpatterns = [
    path("offres/<int:pk>/postuler/", views.apply, name="apply"),
    path("offres/<int:pk>/postuler/externe/", views.external, name="external"),
    path("candidat/candidatures/", views.mine, name="mine"),
    path("candidat/candidatures/<int:pk>/retirer/", views.withdraw, name="withdraw"),
    path("employeur/candidatures/offre/<int:pk>/", views.for_offer, name="for_offer"),
    path("employeur/candidatures/offre/<int:pk>/recrutement/", views.report_hire, name="report_hire"),
    path("employeur/candidatures/<int:pk>/", views.detail, name="detail"),
    path("employeur/candidatures/<int:pk>/cv.pdf", views.cv, name="cv"),
    path("employeur/candidatures/<int:pk>/note/", views.add_note, name="add_note"),
    path("employeur/candidatures/<int:pk>/<slug:name>/", views.transition, name="transition"),
]
