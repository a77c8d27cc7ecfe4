"""Second factor (TOTP app and backup codes) of the roles that see many people's data.

django-otp does the cryptography, the throttling and the session bookkeeping
(``request.user.is_verified()``); this module decides who must use it and how
a person enrols, proves it and gets backup codes. Devices live in the schema of
their user: a device of one territory does not exist in another.
"""

from base64 import b32encode
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.admin import OTPAdminSite
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenant_apps.accounts.enums import Role

# Staff of a territory and of the provider: they see the personal data of many people.
# Candidates and recruiters are not offered a second factor.
PRIVILEGED_ROLES = frozenset(
    {
        Role.RECEPTION_AGENT,
        Role.ADVISOR,
        Role.PARTNER,
        Role.TERRITORY_ADMIN,
        Role.PROVIDER_STAFF,
        Role.CROSS_TERRITORY_ADMIN,
    }
)
BACKUP_CODE_COUNT = 10
TOTP_DIGITS = 6


def requires_second_factor(user) -> bool:
    """Staff roles, and anyone with access to the Django admin (which always asks for it)."""
    return user.is_authenticated and (user.role in PRIVILEGED_ROLES or user.is_staff)


def needs_verification(user) -> bool:
    """Logged in with a password only, while the role demands the second factor."""
    return requires_second_factor(user) and not user.is_verified()


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_totp_device(user) -> TOTPDevice:
    """The device being enrolled: the same secret on every visit of the enrolment page
    until it is confirmed, so that a reload does not invalidate the scanned QR code."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Application d'authentification"), confirmed=False)
    return device


def readable_secret(device: TOTPDevice) -> str:
    """The secret as an app expects it typed by hand: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG (drawn here: the secret never leaves the server)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, border=2)
    label = escape(_("QR code à scanner avec votre application d'authentification"))
    return image.to_string(encoding="unicode").replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def _normalise(code: str) -> str:
    return "".join(code.split()).lower()


@dataclass
class CheckResult:
    device: object | None = None
    error: str = ""
    backup_codes: list[str] | None = None  # on enrolment only


def _throttled(device) -> str:
    allowed, details = device.verify_is_allowed()
    if allowed:
        return ""
    locked_until = (details or {}).get("locked_until")
    seconds = max(1, int((locked_until - timezone.now()).total_seconds()) + 1) if locked_until else 1
    return ngettext(
        "Trop de codes erronés : réessayez dans %(seconds)d seconde.",
        "Trop de codes erronés : réessayez dans %(seconds)d secondes.",
        seconds,
    ) % {"seconds": seconds}


def check_code(user, code: str) -> CheckResult:
    """A 6-digit code is checked against the TOTP app, anything else against the backup codes
    (each works once). Each device throttles its own failures (django-otp's back-off)."""
    code = _normalise(code)
    if code.isdigit() and len(code) == TOTP_DIGITS:
        devices = TOTPDevice.objects.devices_for_user(user, confirmed=True)
    else:
        devices = StaticDevice.objects.devices_for_user(user, confirmed=True)
    with transaction.atomic():
        for device in devices.select_for_update():
            if error := _throttled(device):
                return CheckResult(error=error)
            if device.verify_token(code):
                return CheckResult(device=device)
    return CheckResult(
        error=_("Ce code n'est pas valide. Vérifiez l'heure de votre téléphone ou utilisez un code de secours.")
    )


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with ten new ones (the old ones stop working)."""
    device, _created = StaticDevice.objects.get_or_create(user=user, defaults={"name": _("Codes de secours")})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def confirm_enrolment(device: TOTPDevice, code: str) -> CheckResult:
    """The first code from the app confirms the device and brings the backup codes."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if error := _throttled(device):
            return CheckResult(error=error)
        if not device.verify_token(_normalise(code)):
            return CheckResult(error=_("Ce code n'est pas valide. Vérifiez l'heure de votre téléphone et réessayez."))
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return CheckResult(device=device, backup_codes=new_backup_codes(device.user))


def remaining_backup_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def forget_devices(user) -> None:
    """The person enrols again at their next page; every session of theirs loses its verification
    (OTPMiddleware no longer finds the device its session points at)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()  # and their codes, by cascade


class SecondFactorAdminSite(OTPAdminSite):
    """The admin is for verified users only; logging in goes through the portal's login
    (password, then the second factor, with enrolment), not a login form of its own."""

    def __init__(self, name="admin"):
        super().__init__(name)

    def login(self, request, extra_context=None):
        return redirect_to_login(
            request.GET.get("next") or reverse("admin:index", current_app=self.name), reverse("accounts:login")
        )
