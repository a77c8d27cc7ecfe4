from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role
from tenant_apps.partners.services import organisation_of


def partner_required(view):
    """For partners attached to an organisation, which the view finds in ``request.organisation``."""

    @role_required(Role.PARTNER)
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.organisation = organisation_of(request.user)
        if request.organisation is None:
            raise PermissionDenied(
                _("Votre compte partenaire n'est rattaché à aucune structure : contactez l'administrateur du portail.")
            )
        return view(request, *args, **kwargs)

    return wrapped
