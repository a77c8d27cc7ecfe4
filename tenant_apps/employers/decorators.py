from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role
from tenant_apps.employers.services import employer_of


def employer_required(view):
    """For recruiters attached to an employer, which the view finds in ``request.employer``."""

    @role_required(Role.RECRUITER)
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.employer = employer_of(request.user)
        if request.employer is None:
            raise PermissionDenied(
                _("Votre compte recruteur n'est rattaché à aucun employeur : demandez à un collègue de vous inviter.")
            )
        return view(request, *args, **kwargs)

    return wrapped
