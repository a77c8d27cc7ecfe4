"""Employer accounts: self-service sign-up, e-mail verification, invitations."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.accounts.services import verification_link
from tenant_apps.employers import tokens
from tenant_apps.employers.models import Employer, Invitation, Membership
from tenant_apps.outbox.services import queue_mail


class EmployerError(Exception):
    """A request about an employer account that cannot be carried out; the message says why."""


def duplicate_siret_message(siret: str) -> str:
    return _(
        "Cette entreprise (SIRET %(siret)s) a déjà un compte sur ce portail. "
        "Demandez à l'un de ses recruteurs de vous inviter depuis son espace employeur."
    ) % {"siret": siret}


def register_employer(*, employer: Employer, email: str, password: str, first_name: str, last_name: str, base_url: str):
    """Create the employer and its first recruiter, inactive until the e-mail link is opened."""
    if Employer.objects.filter(siret=employer.siret).exists():
        raise EmployerError(duplicate_siret_message(employer.siret))
    try:
        with transaction.atomic():
            employer.save()
            user = User.objects.create_user(
                email, password, role=Role.RECRUITER, first_name=first_name, last_name=last_name, is_active=False
            )
            Membership.objects.create(user=user, employer=employer)
            link = verification_link(user, base_url)
            queue_mail("employers/emails/verify.txt", [email], {"user": user, "employer": employer, "link": link})
    except IntegrityError as error:  # the same SIRET signed up at the same moment
        raise EmployerError(duplicate_siret_message(employer.siret)) from error
    return user


def invite_colleague(*, inviter: User, email: str, base_url: str) -> Invitation:
    employer = employer_of(inviter)
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email=email).exists():
        raise EmployerError(_("%(email)s a déjà un compte sur ce portail.") % {"email": email})
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(employer=employer, email=email, invited_by=inviter)
            link = base_url + reverse(
                "employers:accept_invitation", kwargs={"token": tokens.invitation_token(invitation)}
            )
            queue_mail(
                "employers/emails/invitation.txt", [email], {"inviter": inviter, "employer": employer, "link": link}
            )
    except IntegrityError as error:
        raise EmployerError(_("Une invitation est déjà en attente pour %(email)s.") % {"email": email}) from error
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation, password: str, first_name: str, last_name: str) -> User:
    """The invited colleague's account: active at once, since the link proved the address."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None or User.objects.filter(email=invitation.email).exists():
        raise EmployerError(_("Cette invitation a déjà servi."))
    user = User.objects.create_user(
        invitation.email, password, role=Role.RECRUITER, first_name=first_name, last_name=last_name
    )
    Membership.objects.create(user=user, employer=invitation.employer)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def renew_api_key(user: User) -> str:
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user).key


def employer_of(user) -> Employer | None:
    """The employer a recruiter works for (None for an account attached to none)."""
    return Employer.objects.select_related("commune").filter(memberships__user=user).first()
