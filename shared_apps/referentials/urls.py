from django.urls import path

from shared_apps.referentials import views

app_name = "referentials"

urlpatterns = [
    path("suggestions/communes/", views.commune_suggestions, name="communes"),
    path("suggestions/metiers/", views.job_title_suggestions, name="job_titles"),
]
