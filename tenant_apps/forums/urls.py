from django.urls import path

from tenant_apps.forums import views

app_name = "forums"

urlpatterns = [
    path("forums/", views.forum_list, name="list"),
    path("forums/<int:pk>/", views.detail, name="detail"),
    path("forums/<int:pk>/inscription/", views.register, name="register"),
    path("forums/<int:pk>/desinscription/", views.cancel, name="cancel"),
    path("gestion/forums/", views.manage, name="manage"),
    path("gestion/forums/nouveau/", views.edit, name="create"),
    path("gestion/forums/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("gestion/forums/<int:pk>/modifier/", views.edit, name="edit"),
    path("gestion/forums/<int:pk>/employeurs/", views.add_participant, name="add_participant"),
    path("gestion/forums/<int:pk>/employeurs/<int:participant_pk>/", views.participant, name="participant"),
    path(
        "gestion/forums/<int:pk>/employeurs/<int:participant_pk>/retirer/",
        views.remove_participant,
        name="remove_participant",
    ),
    path("gestion/forums/<int:pk>/inscrire/", views.register_candidate, name="register_candidate"),
    path("gestion/forums/<int:pk>/pointage/", views.check_in_list, name="check_in_list"),
    path("gestion/forums/<int:pk>/pointage/<int:registration_pk>/", views.check_in, name="check_in"),
    path("gestion/forums/<int:pk>/inscriptions.csv", views.export, name="export"),
    path("gestion/forums/<int:pk>/recrutements/", views.credit_hire, name="credit_hire"),
]
