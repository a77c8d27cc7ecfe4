from django.http import JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from shared_apps.billing.enums import ServiceLevel
from shared_apps.billing.services import service_level
from tenants.enums import TerritoryKind

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
# What a read-only portal still accepts: signing in and out, setting a password,
# choosing a language, and everything the admin needs to pay.
ALWAYS_ALLOWED_VIEWS = {
    "accounts:login",
    "accounts:logout",
    "accounts:activate",
    "accounts:password_reset",
    "set_language",
}
ALWAYS_ALLOWED_NAMESPACES = {"billing"}


class ReadOnlyPortalMiddleware:
    """A portal whose subscription lapsed more than BILLING_GRACE_DAYS ago, or that the
    provider suspended (Territory.suspended_at), keeps serving its pages (offers stay
    visible) but refuses every change with a 403 that says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        portal = getattr(request, "tenant", None)
        if (
            request.method in SAFE_METHODS
            or getattr(portal, "kind", None) != TerritoryKind.TERRITORY
            or self.always_allowed(request)
        ):
            return self.get_response(request)
        if portal.is_suspended:
            message = _(
                "Ce portail est suspendu : les offres restent consultables, "
                "mais aucune nouvelle offre ni candidature n'est acceptée."
            )
        elif service_level(portal) == ServiceLevel.READ_ONLY:
            message = _(
                "Ce portail est en lecture seule : l'abonnement du territoire n'est plus réglé. "
                "Les offres restent consultables, mais aucune modification n'est possible pour le moment."
            )
        else:
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        return render(request, "billing/read_only.html", {"message": message}, status=403)

    @staticmethod
    def always_allowed(request) -> bool:
        try:
            match = resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
        except Resolver404:
            return True  # the 404 page says enough
        return match.view_name in ALWAYS_ALLOWED_VIEWS or bool(set(match.namespaces) & ALWAYS_ALLOWED_NAMESPACES)
