from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _

from tenant_apps.accounts import services
from tenant_apps.accounts.models import User
from tenant_apps.accounts.tokens import email_verification_token


def verify(request, uidb64, token):
    """A new account's e-mail link: the address is proven, the account active."""
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        user = None
    if user is None or not email_verification_token.check_token(user, token):
        return render(request, "accounts/link_invalid.html", status=400)
    services.verify_email(user)
    login(request, user)
    messages.success(request, _("Adresse vérifiée : bienvenue !"))
    return redirect(services.landing_url(user))


@login_required
def landing(request):
    """After logging in: each role's home page."""
    return redirect(services.landing_url(request.user))
