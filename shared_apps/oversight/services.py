"""Grants of cross-territory admins, given and withdrawn by provider staff, each recorded in the
console's journal (provider.ConsoleAuditEntry) in the same transaction."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from shared_apps.oversight.models import OversightGrant
from shared_apps.provider.enums import ConsoleAction
from shared_apps.provider.services import ConsoleError, record
from shared_apps.referentials.models import Commune
from tenant_apps.accounts.enums import Role
from tenants.models import Territory


def grant(actor, user, *, territory: Territory | None = None, department: str = "") -> OversightGrant:
    """Let ``user`` (a cross-territory admin) read one territory's figures, or those of every
    territory of a département (by its code, e.g. ``59`` or ``2A``)."""
    department = department.strip().upper()
    if not user.has_role(Role.CROSS_TERRITORY_ADMIN):
        raise ConsoleError(_("Ce compte n'est pas un administrateur multi-territoires."))
    if (territory is None) == (not department):
        raise ConsoleError(_("Choisissez un territoire ou un département."))
    if department and not Commune.objects.filter(department=department).exists():
        raise ConsoleError(_("Le département %(code)s n'existe pas.") % {"code": department})
    try:
        with transaction.atomic():
            created = OversightGrant.objects.create(
                user=user, territory=territory, department=department, granted_by=actor.email
            )
            record(
                actor,
                ConsoleAction.GRANT_OVERSIGHT,
                territory,
                user=user.email,
                **({"department": department} if department else {}),
            )
    except IntegrityError as error:  # the same grant, given already
        raise ConsoleError(_("Ce compte a déjà cet accès.")) from error
    return created


@transaction.atomic
def revoke(actor, oversight_grant: OversightGrant) -> None:
    if not OversightGrant.objects.filter(pk=oversight_grant.pk).delete()[0]:
        raise ConsoleError(_("Cet accès a déjà été retiré."))
    details = {"user": oversight_grant.user.email}
    if oversight_grant.department:
        details["department"] = oversight_grant.department
    record(actor, ConsoleAction.REVOKE_OVERSIGHT, oversight_grant.territory, **details)
