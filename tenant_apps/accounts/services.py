from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def activation_path(user) -> str:
    """Path of the one-time link with which a person sets their password.

    Django's token changes as soon as the password is set (it hashes the
    password and last login), so the link works once, and for
    PASSWORD_RESET_TIMEOUT at most.
    """
    return reverse(
        "accounts:activate",
        urlconf=settings.ROOT_URLCONF,
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
