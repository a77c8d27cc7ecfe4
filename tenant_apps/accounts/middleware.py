from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from tenant_apps.accounts import two_factor


class SecondFactorMiddleware:
    """Staff roles logged in with their password only reach the second-factor pages.

    Every other page sends them to the code step (or to enrolment when they have no
    app yet), with the page they asked for as ``next``. The API is left to its
    authentication classes, which answer 403 in JSON rather than a redirect.
    Installed after OTPMiddleware, which tells whether the session is verified.
    """

    OPEN_URL_NAMES = ["accounts:two_factor_verify", "accounts:two_factor_enrol", "accounts:logout", "set_language"]
    OPEN_PREFIXES = (settings.STATIC_URL, "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not two_factor.needs_verification(request.user) or self._is_open(request.path_info):
            return self.get_response(request)
        target = "accounts:two_factor_verify"
        if two_factor.confirmed_totp_device(request.user) is None:
            target = "accounts:two_factor_enrol"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")

    def _is_open(self, path: str) -> bool:
        if path.startswith(self.OPEN_PREFIXES):
            return True
        return path in {reverse(name) for name in self.OPEN_URL_NAMES}
