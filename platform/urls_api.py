"""The API of a territory's portal, documented at /api/docs/."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from shared_apps.referentials.api import CommuneSuggestions, JobTitleSuggestions
from tenant_apps.offers import api as offers

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("communes/", CommuneSuggestions.as_view(), name="communes"),
    path("metiers/", JobTitleSuggestions.as_view(), name="job_titles"),
    path("offres/", offers.PublicOfferSearch.as_view(), name="offers"),
    path("offres/<int:pk>/", offers.PublicOfferDetail.as_view(), name="offer"),
    path("offres/carte/", offers.PublicOfferMap.as_view(), name="offer_map"),
    path("employeur/offres/", offers.EmployerOffers.as_view(), name="employer_offers"),
    path("employeur/offres/<int:pk>/", offers.EmployerOfferDetail.as_view(), name="employer_offer"),
    path(
        "employeur/offres/<int:pk>/<slug:name>/",
        offers.EmployerOfferTransition.as_view(),
        name="employer_offer_transition",
    ),
]
