from django.urls import path

from tenant_apps.cvtheque import views

app_name = "cvtheque"

urlpatterns = [
    path("cvtheque/", views.search, name="search"),
    path("cvtheque/selection/", views.selection, name="selection"),
    path("cvtheque/candidats/<int:pk>/", views.card, name="card"),
    path("cvtheque/candidats/<int:pk>/cv.pdf", views.cv, name="cv"),
    path("cvtheque/candidats/<int:pk>/sauvegarder/", views.toggle_saved, name="toggle_saved"),
    path("cvtheque/candidats/<int:pk>/inviter/", views.invite, name="invite"),
    path("candidat/invitations/", views.invitations, name="invitations"),
    path("candidat/invitations/<int:pk>/<slug:choice>/", views.answer, name="answer"),
]
