from django.urls import path

from tenant_apps.candidates import views

app_name = "candidates"

urlpatterns = [
    path("candidat/", views.dashboard, name="dashboard"),
    path("candidat/inscription/", views.signup, name="signup"),
    path("candidat/profil/<slug:step>/", views.profile_step, name="profile_step"),
    path("candidat/cv.pdf", views.my_cv, name="my_cv"),
    path("candidat/cv-genere.pdf", views.generated_cv, name="generated_cv"),
    path("candidat/mes-donnees/", views.my_data, name="my_data"),
    path("candidat/mes-donnees/export.zip", views.export, name="export"),
]
