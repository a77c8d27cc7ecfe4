from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlencode, urlsafe_base64_decode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from tenant_apps.accounts import services, two_factor
from tenant_apps.accounts.forms import SecondFactorCodeForm
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


def _next_url(request) -> str:
    """Where to go once the second factor is given: the page first asked for, on this site only."""
    url = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return services.landing_url(request.user)


@login_required
def two_factor_verify(request):
    """Second step of the login of staff roles: a code from their app, or a backup code."""
    user = request.user
    if not two_factor.needs_verification(user):
        return redirect(_next_url(request))
    if two_factor.confirmed_totp_device(user) is None:
        return redirect(f"{reverse('accounts:two_factor_enrol')}?{urlencode({'next': _next_url(request)})}")
    form = SecondFactorCodeForm(request.POST or None)
    if form.is_valid():
        result = two_factor.check_code(user, form.cleaned_data["code"])
        if result.device is not None:
            otp_login(request, result.device)
            return redirect(_next_url(request))
        form.add_error("code", result.error)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)})


@login_required
def two_factor_enrol(request):
    """Staff roles without an app yet: scan the QR code (or type the secret), confirm with a
    first code, then note the backup codes, shown this once."""
    user = request.user
    if not two_factor.requires_second_factor(user):
        raise PermissionDenied
    if two_factor.confirmed_totp_device(user) is not None:
        return redirect(
            f"{reverse('accounts:two_factor_verify')}?{urlencode({'next': _next_url(request)})}"
            if not user.is_verified()
            else reverse("accounts:two_factor_backup_codes")
        )
    device = two_factor.pending_totp_device(user)
    form = SecondFactorCodeForm(request.POST or None, backup_codes_accepted=False)
    if form.is_valid():
        result = two_factor.confirm_enrolment(device, form.cleaned_data["code"])
        if result.device is not None:
            otp_login(request, result.device)
            return render(
                request,
                "accounts/two_factor_backup_codes.html",
                {"codes": result.backup_codes, "next": _next_url(request)},
            )
        form.add_error("code", result.error)
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            "next": _next_url(request),
            # Drawn by the qrcode package from our own data: no user input reaches the markup unescaped.
            "qr_code": mark_safe(two_factor.qr_code_svg(device)),  # noqa: S308
            "secret": two_factor.readable_secret(device),
        },
    )


@login_required
def two_factor_backup_codes(request):
    """New backup codes (the old ones stop working), shown once."""
    if not two_factor.requires_second_factor(request.user):
        raise PermissionDenied
    codes = two_factor.new_backup_codes(request.user) if request.method == "POST" else None
    return render(
        request,
        "accounts/two_factor_backup_codes.html",
        {"codes": codes, "remaining": two_factor.remaining_backup_codes(request.user), "next": ""},
    )
