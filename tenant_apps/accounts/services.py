from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tenant_apps.accounts import two_factor
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.tokens import email_verification_token
from tenant_apps.outbox.services import queue_mail


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


def verification_link(user, base_url: str) -> str:
    """The link that proves a new account's e-mail address and activates it."""
    return base_url + reverse(
        "accounts:verify",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": email_verification_token.make_token(user),
        },
    )


def verify_email(user) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])


# Where each role lands after logging in or verifying its address (URL names).
LANDING_PAGES = {
    Role.CANDIDATE: "candidates:dashboard",
    Role.RECRUITER: "employers:dashboard",
    Role.ADVISOR: "offers:moderation",
    Role.PARTNER: "offers:search",
    Role.RECEPTION_AGENT: "offers:search",
    Role.TERRITORY_ADMIN: "portal_settings",
}


def landing_url(user) -> str:
    return reverse(LANDING_PAGES.get(user.role, "home"))


def reset_second_factor(user, by) -> None:
    """A staff member lost their phone and backup codes: forget their devices, so that they
    enrol again at their next login (and any session of theirs loses its verification).

    Only the territory's admins (the provider's staff and admins on the provider site,
    superusers in the Django admin) may do it, within their own schema.
    """
    if not (by.is_superuser or by.has_role(Role.TERRITORY_ADMIN, Role.PROVIDER_STAFF, Role.CROSS_TERRITORY_ADMIN)):
        raise PermissionDenied
    with transaction.atomic():
        two_factor.forget_devices(user)
        # The person learns of it: a reset they did not ask for is a warning sign.
        queue_mail("accounts/emails/two_factor_reset.txt", [user.email], {"user": user, "by": by})
