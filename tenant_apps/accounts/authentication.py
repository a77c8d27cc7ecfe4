"""The API's authentication: staff roles only through a session verified by the second factor.

An API token is a bearer secret that would skip the second factor, so the tokens
of staff roles are refused: tokens are the recruiters' integration keys.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular import authentication as drf_spectacular_authentication
from rest_framework import authentication, exceptions

from tenant_apps.accounts import two_factor


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if two_factor.requires_second_factor(user):
            raise exceptions.AuthenticationFailed(_("Les comptes du personnel n'utilisent pas de jeton d'API."))
        return user, token


class SessionAuthentication(authentication.SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None and two_factor.needs_verification(request._request.user):
            raise exceptions.PermissionDenied(_("Donnez d'abord votre second facteur d'authentification."))
        return result


class SessionScheme(drf_spectacular_authentication.SessionScheme):
    """Documented in the OpenAPI schema as DRF's session (cookie) authentication."""

    target_class = SessionAuthentication


class TokenScheme(drf_spectacular_authentication.TokenScheme):
    """Documented in the OpenAPI schema as DRF's ``Authorization: Token <key>``."""

    target_class = TokenAuthentication
