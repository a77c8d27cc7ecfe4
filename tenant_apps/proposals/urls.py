from django.urls import path

from tenant_apps.proposals import views

app_name = "proposals"

urlpatterns = [
    path("gestion/offres/<int:pk>/preselection/", views.for_offer, name="for_offer"),
    path("employeur/propositions/<int:pk>/", views.detail, name="detail"),
    path("employeur/propositions/<int:pk>/accepter/", views.answer, {"accept": True}, name="accept"),
    path("employeur/propositions/<int:pk>/decliner/", views.answer, {"accept": False}, name="decline"),
]
