from django.contrib.auth import logout
from django.shortcuts import render

from shared_apps.provider.services import support_session_is_over
from tenants.enums import TerritoryKind


class SupportSessionMiddleware:
    """Ends a provider support session on a portal at its first request after the grant was
    revoked or expired (the session's own expiry already ends it on time). Only sessions that
    carry a grant run a query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(getattr(request, "tenant", None), "kind", None) == TerritoryKind.TERRITORY and (
            support_session_is_over(request)
        ):
            logout(request)
            return render(request, "provider/support_ended.html", status=403)
        return self.get_response(request)
