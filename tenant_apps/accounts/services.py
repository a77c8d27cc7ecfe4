from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from tenant_apps.accounts import two_factor
from tenant_apps.accounts.enums import TERRITORY_STAFF_ROLES, Role
from tenant_apps.accounts.models import User
from tenant_apps.accounts.tokens import email_verification_token
from tenant_apps.outbox.services import queue_mail
from tenant_apps.partners.models import PartnerMembership


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
    Role.PARTNER: "partners:space",
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


# The territory's team, managed by its admins (/gestion/equipe/)


class StaffError(Exception):
    """A change to the team that is refused; the message says why."""


def _check_team_manager(by) -> None:
    # The views check it already; the services are also called from the shell and the Django admin.
    if not (by.is_superuser or by.has_role(Role.TERRITORY_ADMIN)):
        raise PermissionDenied


def invite_staff(*, by, email, first_name, last_name, role, organisation=None, base_url) -> User:
    """Create a team member's account, without a password, and e-mail them the one-time link
    with which they choose it (the same link as the first admin's: ``activation_path``).
    A partner joins ``organisation``. Staff give their second factor at their first login."""
    _check_team_manager(by)
    if role not in TERRITORY_STAFF_ROLES:
        raise StaffError(_("Ce rôle ne fait pas partie de l'équipe du territoire."))
    if role == Role.PARTNER and organisation is None:
        raise StaffError(_("Choisissez la structure du partenaire."))
    with transaction.atomic():
        user = User.objects.create_user(email, first_name=first_name, last_name=last_name, role=role)
        if role == Role.PARTNER:
            PartnerMembership.objects.create(user=user, organisation=organisation)
        queue_mail(
            "accounts/emails/staff_invitation.txt",
            [user.email],
            {
                "user": user,
                "by": by,
                "role": Role(role).label,
                "organisation": organisation if role == Role.PARTNER else None,
                "territory": connection.tenant,
                "link": base_url + activation_path(user),
            },
        )
    return user


def _check_admins_left(user, *, by) -> None:
    """An admin cannot lock themselves out, nor leave the territory without an active admin.
    Called in a transaction: the admins' rows are locked, so that two admins demoting each
    other at the same moment cannot both succeed."""
    if user.pk == by.pk:
        raise StaffError(_("Vous ne pouvez pas retirer vos propres droits : demandez à un autre administrateur."))
    if user.role != Role.TERRITORY_ADMIN or not user.is_active:
        return
    admins = list(User.objects.active_admins().select_for_update().values_list("pk", flat=True))
    if admins == [user.pk]:
        raise StaffError(_("C'est le dernier administrateur actif du territoire : nommez-en un autre d'abord."))


def change_role(user, *, role, organisation=None, by) -> User:
    """Give a team member another staff role; a partner's organisation goes with the role."""
    _check_team_manager(by)
    if role not in TERRITORY_STAFF_ROLES or user.role not in TERRITORY_STAFF_ROLES:
        raise StaffError(_("Ce rôle ne fait pas partie de l'équipe du territoire."))
    if role == Role.PARTNER and organisation is None:
        raise StaffError(_("Choisissez la structure du partenaire."))
    with transaction.atomic():
        if role != user.role:
            if user.role == Role.TERRITORY_ADMIN or user.pk == by.pk:
                _check_admins_left(user, by=by)
            user.role = role
            user.save(update_fields=["role"])
        if role == Role.PARTNER:
            PartnerMembership.objects.update_or_create(user=user, defaults={"organisation": organisation})
        else:
            PartnerMembership.objects.filter(user=user).delete()
    return user


def set_active(user, *, active: bool, by) -> User:
    """Deactivate (the person can no longer log in, their sessions end) or reactivate a team member."""
    _check_team_manager(by)
    if user.role not in TERRITORY_STAFF_ROLES:
        raise StaffError(_("Ce compte ne fait pas partie de l'équipe du territoire."))
    with transaction.atomic():
        if not active:
            _check_admins_left(user, by=by)
        user.is_active = active
        user.save(update_fields=["is_active"])
    return user
