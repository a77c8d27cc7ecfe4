from functools import wraps

from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role
from tenant_apps.candidates.models import Candidate


def candidate_required(view):
    """For candidates, whose profile the view finds in ``request.candidate``."""

    @role_required(Role.CANDIDATE)
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        # A candidate account always has its profile; get_or_create covers an
        # account made in the admin.
        request.candidate, _ = Candidate.objects.select_related("commune", "user").get_or_create(user=request.user)
        return view(request, *args, **kwargs)

    return wrapped
