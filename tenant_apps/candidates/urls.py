from django.urls import path

from tenant_apps.candidates import assisted_views, views

app_name = "candidates"

urlpatterns = [
    path("candidat/", views.dashboard, name="dashboard"),
    path("candidat/inscription/", views.signup, name="signup"),
    path("candidat/profil/<slug:step>/", views.profile_step, name="profile_step"),
    path("candidat/cv.pdf", views.my_cv, name="my_cv"),
    path("candidat/cv-genere.pdf", views.generated_cv, name="generated_cv"),
    path("candidat/mes-donnees/", views.my_data, name="my_data"),
    path("candidat/mes-donnees/export.zip", views.export, name="export"),
    # Assisted mode
    path("gestion/candidats/", assisted_views.assisted_list, name="assisted_list"),
    path("gestion/candidats/nouveau/", assisted_views.create, name="assisted_create"),
    path("gestion/candidats/<int:pk>/", assisted_views.detail, name="assisted_detail"),
    path("gestion/candidats/<int:pk>/profil/<slug:step>/", assisted_views.profile_step, name="assisted_step"),
    path("gestion/candidats/<int:pk>/postuler/<int:offer_pk>/", assisted_views.apply, name="assisted_apply"),
    path("gestion/candidats/<int:pk>/lien/", assisted_views.send_activation, name="assisted_send_activation"),
    path("gestion/candidats/<int:pk>/fiche/", assisted_views.activation_sheet, name="assisted_sheet"),
    path("compte/activer/", assisted_views.take_over, name="take_over"),
    path("compte/reprendre/<uidb64>/<token>/", assisted_views.TakeOverLinkView.as_view(), name="take_over_link"),
]
