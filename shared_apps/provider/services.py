"""What provider staff do from the console, each action recorded in ConsoleAuditEntry in the
same transaction: onboarding, domains, suspension, support access.

Support access, how it works and why:

1. A staff member opens a grant on the console (provider host, public schema, where they
   logged in with their password and second factor): a reason, an expiry (one hour).
2. The console sends them to ``/assistance/entrer/<token>/`` on the territory's own domain. The
   token is signed with the secret key and a salt bound to the territory, says which grant,
   is good for SUPPORT_LINK_MAX_AGE seconds and for one use (``entered_at`` is set by a
   conditional UPDATE, so two uses of one link never both win).
3. The portal logs them in as the territory's support user for that staff member (role
   territory admin, no usable password, named "Support <their e-mail>"): sessions and users
   are per schema, so no provider session is ever valid on a portal. The session ends when
   the grant does, and SupportSessionMiddleware ends it at the next request once the grant
   is revoked or expired.
4. The session counts as verified by a second factor: the staff member gave theirs on the
   provider site to open the grant, and the support user has no password a code could
   complete. It is marked so with a code-less django-otp device of the support user.
5. The entry is written in the territory's own audit journal (tenant_apps.audit), which its
   admin reads; the grants themselves are listed for that admin at /gestion/acces-support/.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import login
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from shared_apps.billing.models import Plan, PlanChoice, Subscription
from shared_apps.directory.models import PublishedOffer
from shared_apps.provider.enums import ConsoleAction, PortalState
from shared_apps.provider.models import ConsoleAuditEntry, ProviderSupportGrant
from shared_apps.territory_figures.models import TerritoryDailyFigure
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.audit.services import record_support_login
from tenant_apps.statistics.enums import Metric
from tenants.models import Domain, Territory
from tenants.services import Onboarding, OnboardingError, onboard_territory
from tenants.validators import validate_hostname

SUPPORT_GRANT_DURATION = datetime.timedelta(hours=1)
SUPPORT_LINK_MAX_AGE = 120  # seconds between opening the grant and following its link
SUPPORT_SESSION_KEY = "provider_support_grant"
# RFC 2606 reserves .invalid: nothing is ever sent to a support user.
SUPPORT_EMAIL_DOMAIN = "support.emploi-local.invalid"
MONTH_METRICS = (Metric.OFFERS_PUBLISHED, Metric.ACTIVE_CANDIDATES, Metric.HIRES)


class ConsoleError(Exception):
    """A console action that cannot be carried out; the message says why, in French."""


def record(actor, action: ConsoleAction, territory: Territory | None = None, **details) -> ConsoleAuditEntry:
    return ConsoleAuditEntry.objects.create(actor=actor, action=action, territory=territory, details=details)


# --- The territories' list ------------------------------------------------------------


def console_territories(*, search: str = "", state: str = "", plan: int | None = None, subscription: str = ""):
    """Real territories with their current subscription's status and plan and their offers
    online in the shared index, computed in the page's one query."""
    latest = Subscription.objects.filter(territory=OuterRef("pk")).order_by("-started_at", "-pk")
    online = (
        PublishedOffer.objects.filter(territory=OuterRef("pk")).order_by().values("territory").annotate(n=Count("pk"))
    )
    territories = (
        Territory.objects.portals()
        .prefetch_related("domains")
        .annotate(
            subscription_status=Subquery(latest.values("status")[:1]),
            plan_id=Subquery(latest.values("plan_id")[:1]),
            plan_name=Subquery(latest.values("plan__name")[:1]),
            offers_online=Coalesce(Subquery(online.values("n")[:1]), Value(0)),
        )
    )
    if search := search.strip():
        territories = territories.filter(
            Q(name__icontains=search)
            | Q(epci_siren=search)
            | Exists(Domain.objects.filter(tenant=OuterRef("pk"), domain__icontains=search.lower()))
        )
    if state == PortalState.SUSPENDED:
        territories = territories.filter(suspended_at__isnull=False)
    elif state:
        territories = territories.filter(status=state, suspended_at__isnull=True)
    if plan:
        territories = territories.filter(plan_id=plan)
    if subscription == "none":
        territories = territories.filter(subscription_status__isnull=True)
    elif subscription:
        territories = territories.filter(subscription_status=subscription)
    return territories


def month_figures(territories, today: datetime.date | None = None) -> dict[int, dict[str, int]]:
    """This month's offers published, active candidates and hires of each territory, from the
    statistics roll-ups (territory_figures), in one query for the whole page."""
    today = today or timezone.localdate()
    totals = TerritoryDailyFigure.objects.filter(
        territory__in=[t.pk for t in territories], metric__in=MONTH_METRICS
    ).totals(today.replace(day=1), today)
    return {t.pk: {metric: totals.get((t.pk, metric), 0) for metric in MONTH_METRICS} for t in territories}


# --- Onboarding, domains, suspension --------------------------------------------------


def onboard(
    actor, *, epci_siren: str, domain: str, admin_email: str, theme: str, primary_color: str, plan: Plan | None = None
) -> Onboarding:
    """The command's onboarding service, plus the colour, the plan chosen (otherwise the one of
    the territory's population band applies) and the console's record, in one transaction: an
    error leaves nothing behind."""
    if Territory.objects.filter(epci_siren=epci_siren).exists():
        raise ConsoleError(_("Ce territoire existe déjà."))
    with transaction.atomic():
        try:
            result = onboard_territory(epci_siren=epci_siren, domain=domain, admin_email=admin_email, theme=theme)
        except OnboardingError as error:
            raise ConsoleError(str(error)) from error
        territory = result.territory
        Territory.objects.filter(pk=territory.pk).update(primary_color=primary_color)
        territory.primary_color = primary_color
        details = {"domain": domain, "admin_email": admin_email, "theme": theme}
        if plan is not None:
            PlanChoice.objects.create(territory=territory, plan=plan, chosen_by=actor.email)
            details["plan"] = plan.code
        record(actor, ConsoleAction.ONBOARD, territory, **details)
    return result


def add_domain(actor, territory: Territory, hostname: str, *, primary: bool = False) -> Domain:
    """Another host for the portal; ``primary`` makes it the one its links and e-mails use."""
    hostname = hostname.strip().lower()
    try:
        validate_hostname(hostname)
    except ValidationError as error:
        raise ConsoleError(error.messages[0]) from error
    try:
        with transaction.atomic():
            if primary:
                territory.domains.update(is_primary=False)
            domain = Domain.objects.create(domain=hostname, tenant=territory, is_primary=primary)
            record(actor, ConsoleAction.ADD_DOMAIN, territory, domain=hostname, primary=primary)
    except IntegrityError as error:  # the unique domain, taken meanwhile or already
        raise ConsoleError(_("Le domaine %(domain)s est déjà utilisé.") % {"domain": hostname}) from error
    return domain


@transaction.atomic
def suspend(actor, territory: Territory, reason: str) -> None:
    """The portal turns read-only with a notice (billing.middleware); its data stays."""
    now = timezone.now()
    if not Territory.objects.filter(pk=territory.pk, suspended_at__isnull=True).update(
        suspended_at=now, suspension_reason=reason
    ):
        raise ConsoleError(_("Ce territoire est déjà suspendu."))
    territory.suspended_at, territory.suspension_reason = now, reason
    record(actor, ConsoleAction.SUSPEND, territory, reason=reason)


@transaction.atomic
def reactivate(actor, territory: Territory, reason: str) -> None:
    if not Territory.objects.filter(pk=territory.pk, suspended_at__isnull=False).update(
        suspended_at=None, suspension_reason=""
    ):
        raise ConsoleError(_("Ce territoire n'est pas suspendu."))
    territory.suspended_at, territory.suspension_reason = None, ""
    record(actor, ConsoleAction.REACTIVATE, territory, reason=reason)


# --- Support access -------------------------------------------------------------------


def _link_salt(territory_id: int) -> str:
    return f"provider.support:{territory_id}"


@transaction.atomic
def open_support(actor, territory: Territory, reason: str) -> ProviderSupportGrant:
    reason = reason.strip()
    if not reason:
        raise ConsoleError(_("Indiquez le motif de l'accès support."))
    now = timezone.now()
    grant = ProviderSupportGrant.objects.create(
        staff=actor,
        staff_email=actor.email,
        territory=territory,
        reason=reason,
        created_at=now,
        expires_at=now + SUPPORT_GRANT_DURATION,
    )
    record(actor, ConsoleAction.GRANT_SUPPORT, territory, grant=grant.pk, reason=reason)
    return grant


def support_link(grant: ProviderSupportGrant) -> str:
    """The one-time address that lets the grant's holder into the territory's portal."""
    token = signing.dumps(grant.pk, salt=_link_salt(grant.territory_id))
    path = reverse("support:enter", kwargs={"token": token}, urlconf=settings.ROOT_URLCONF)
    return grant.territory.portal_url().rstrip("/") + path


@transaction.atomic
def revoke_support(actor, grant: ProviderSupportGrant) -> None:
    if not ProviderSupportGrant.objects.filter(pk=grant.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()):
        raise ConsoleError(_("Cet accès support est déjà terminé."))
    record(actor, ConsoleAction.REVOKE_SUPPORT, grant.territory, grant=grant.pk)


@dataclass(frozen=True)
class SupportEntry:
    grant: ProviderSupportGrant
    user: User


def _support_user(staff_email: str) -> User:
    """The territory's user for one staff member's support sessions (in the active schema)."""
    key = hashlib.sha256(staff_email.lower().encode()).hexdigest()[:12]
    user, _created = User.objects.get_or_create(
        email=f"support-{key}@{SUPPORT_EMAIL_DOMAIN}",
        defaults={"first_name": "Support", "last_name": staff_email, "role": Role.TERRITORY_ADMIN},
    )
    if not user.is_active or user.role != Role.TERRITORY_ADMIN or user.has_usable_password():
        user.is_active, user.role = True, Role.TERRITORY_ADMIN
        user.set_unusable_password()
        user.save(update_fields=["is_active", "role", "password"])
    return user


def enter_support(request, token: str) -> SupportEntry:
    """On the territory's portal: follow a grant's link once, and be logged in until it ends."""
    territory = request.tenant
    try:
        grant_id = signing.loads(token, salt=_link_salt(territory.pk), max_age=SUPPORT_LINK_MAX_AGE)
    except signing.BadSignature as error:
        raise ConsoleError(_("Ce lien d'accès support n'est pas valide ou a expiré.")) from error
    now = timezone.now()
    with transaction.atomic():
        used = (
            ProviderSupportGrant.objects.active(now)
            .filter(pk=grant_id, territory=territory, entered_at__isnull=True)
            .update(entered_at=now)
        )
        if not used:
            raise ConsoleError(_("Cet accès support a déjà servi, a été révoqué ou a expiré."))
        grant = ProviderSupportGrant.objects.get(pk=grant_id)
        user = _support_user(grant.staff_email)
        device, _created = StaticDevice.objects.get_or_create(
            user=user, defaults={"name": _("Accès support"), "confirmed": True}
        )
        login(request, user)
        otp_login(request, device)
        request.session.set_expiry(grant.expires_at)  # after login: its signal sets the staff length
        request.session[SUPPORT_SESSION_KEY] = grant.pk
        # The territory's own journal (its schema is the active one), read by its admin.
        record_support_login(
            grant.staff_email,
            details={"grant": grant.pk, "reason": grant.reason, "until": grant.expires_at.isoformat()},
            request=request,
        )
    return SupportEntry(grant, user)


def support_session_is_over(request) -> bool:
    """A support session whose grant was revoked or expired (a portal's request)."""
    grant_id = request.session.get(SUPPORT_SESSION_KEY)
    if grant_id is None:
        return False
    return not ProviderSupportGrant.objects.active().filter(pk=grant_id, territory=request.tenant).exists()
