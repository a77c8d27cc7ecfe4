"""The API of a territory's portal, documented at /api/docs/."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from shared_apps.referentials.api import CommuneSuggestions, JobTitleSuggestions
from tenant_apps.applications import api as applications
from tenant_apps.candidates import api as candidates
from tenant_apps.cvtheque import api as cvtheque
from tenant_apps.offers import api as offers

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Split: Swagger UI's start-up script is a file of its own (docs/?script), no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
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
    path("offres/<int:pk>/candidater/", applications.Apply.as_view(), name="apply"),
    path("candidat/profil/", candidates.Profile.as_view(), name="profile"),
    path("candidat/profil/<slug:step>/", candidates.ProfileStepUpdate.as_view(), name="profile_step"),
    path("candidat/experiences/", candidates.NewExperience.as_view(), name="experiences"),
    path("candidat/experiences/<int:pk>/", candidates.ExperienceEntry.as_view(), name="experience"),
    path("candidat/formations/", candidates.NewTraining.as_view(), name="trainings"),
    path("candidat/formations/<int:pk>/", candidates.TrainingEntry.as_view(), name="training"),
    path("candidat/candidatures/", applications.MyApplications.as_view(), name="my_applications"),
    path("candidat/candidatures/<int:pk>/retirer/", applications.Withdraw.as_view(), name="withdraw"),
    path("employeur/candidatures/offre/<int:pk>/", applications.OfferApplications.as_view(), name="offer_applications"),
    path("employeur/candidatures/<int:pk>/", applications.FollowedApplication.as_view(), name="application"),
    path(
        "employeur/candidatures/<int:pk>/<slug:name>/",
        applications.ApplicationTransitionView.as_view(),
        name="application_transition",
    ),
    path("cvtheque/", cvtheque.CandidateSearch.as_view(), name="cvtheque"),
]
