from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tenant_apps.accounts.decorators import role_required
from tenant_apps.cvtheque import services


def searcher_required(view):
    """The roles of the CVthèque; a partner also needs their organisation's grant."""

    @role_required(*services.SEARCHERS)
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not services.may_search(request.user):
            raise PermissionDenied(_("Votre structure n'a pas accès à la CVthèque."))
        return view(request, *args, **kwargs)

    return wrapped
