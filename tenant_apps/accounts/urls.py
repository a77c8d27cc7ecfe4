from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from platform.ratelimit import rate_limited
from tenant_apps.accounts import views

app_name = "accounts"

urlpatterns = [
    path(
        "connexion/",
        auth_views.LoginView.as_view(template_name="accounts/login.html", next_page="accounts:landing"),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("compte/", views.landing, name="landing"),
    path("compte/verifier/<uidb64>/<token>/", views.verify, name="verify"),
    path("compte/verification/", views.two_factor_verify, name="two_factor_verify"),
    path("compte/double-authentification/", views.two_factor_enrol, name="two_factor_enrol"),
    path(
        "compte/double-authentification/codes-de-secours/",
        views.two_factor_backup_codes,
        name="two_factor_backup_codes",
    ),
    path(
        "compte/activer/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/set_password.html",
            success_url=reverse_lazy("accounts:password_set"),
        ),
        name="activate",
    ),
    path(
        "compte/mot-de-passe-enregistre/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_set.html"),
        name="password_set",
    ),
    path(
        "compte/mot-de-passe-oublie/",
        rate_limited("password_reset")(
            auth_views.PasswordResetView.as_view(
                template_name="accounts/password_forgotten.html",
                email_template_name="accounts/emails/password_reset.txt",
                subject_template_name="accounts/emails/password_reset_subject.txt",
                success_url=reverse_lazy("accounts:password_reset_sent"),
            )
        ),
        name="password_reset",
    ),
    path(
        "compte/mot-de-passe-oublie/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_sent",
    ),
]
