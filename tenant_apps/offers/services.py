"""The life of an offer: draft → submitted → published → filled / expired / archived.

Every change goes through :func:`apply_transition`, which checks that the move
is allowed from the current state and records who made it, when and why.
"""

import datetime
from dataclasses import dataclass

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shared_apps.directory.services import sync_offers
from tenant_apps.accounts.enums import Role
from tenant_apps.employers.models import Membership
from tenant_apps.offers.enums import OfferStatus
from tenant_apps.offers.models import Offer, OfferTransition
from tenant_apps.outbox.services import queue_mail
from tenant_apps.partners import services as partner_services

S = OfferStatus


class TransitionError(Exception):
    """A change of state that is not allowed; the message says why."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: OfferStatus
    roles: frozenset  # who may apply it (recruiters: only to their employer's offers)
    needs_reason: bool = False


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit",
            gettext_lazy("Publier"),
            frozenset({S.DRAFT, S.REJECTED}),
            S.SUBMITTED,  # PUBLISHED directly when the territory does not moderate
            frozenset({Role.RECRUITER, Role.ADVISOR, Role.PARTNER}),
        ),
        Transition(
            "approve", gettext_lazy("Valider"), frozenset({S.SUBMITTED}), S.PUBLISHED, frozenset({Role.ADVISOR})
        ),
        Transition(
            "reject",
            gettext_lazy("Refuser"),
            frozenset({S.SUBMITTED}),
            S.REJECTED,
            frozenset({Role.ADVISOR}),
            needs_reason=True,
        ),
        Transition(
            "mark_filled",
            gettext_lazy("Marquer comme pourvue"),
            frozenset({S.PUBLISHED}),
            S.FILLED,
            frozenset({Role.RECRUITER, Role.ADVISOR, Role.PARTNER}),
        ),
        Transition(
            "archive",
            gettext_lazy("Archiver"),
            frozenset({S.DRAFT, S.SUBMITTED, S.REJECTED, S.PUBLISHED, S.FILLED, S.EXPIRED}),
            S.ARCHIVED,
            frozenset({Role.RECRUITER, Role.ADVISOR, Role.PARTNER}),
        ),
        Transition(
            "renew",
            gettext_lazy("Prolonger"),
            frozenset({S.PUBLISHED, S.EXPIRED}),
            S.PUBLISHED,
            frozenset({Role.RECRUITER, Role.ADVISOR, Role.PARTNER}),
        ),
        # Applied by the daily expiry job (by=None), for many offers at once: see expire_due_offers().
        Transition("expire", gettext_lazy("Expirer"), frozenset({S.PUBLISHED}), S.EXPIRED, frozenset()),
    ]
}


def is_editable(offer: Offer) -> bool:
    """Drafts and refused offers are edited freely; a published one only where
    nobody moderates, since an advisor approved the text that is online."""
    if offer.status in (S.DRAFT, S.REJECTED):
        return True
    return offer.status == S.PUBLISHED and not connection.tenant.offer_moderation


def can_manage(user, offer: Offer) -> bool:
    """Recruiters manage their employer's offers; advisors manage every offer of the
    territory; partners, the offers their organisation's members posted for their clients."""
    if user.has_role(Role.ADVISOR):
        return True
    if user.has_role(Role.PARTNER):
        return offer.created_by_id is not None and offer.created_by_id in partner_services.colleague_ids(user)
    membership = getattr(user, "membership", None) if user.has_role(Role.RECRUITER) else None
    return membership is not None and membership.employer_id == offer.employer_id


def managed_offer(user, pk) -> Offer | None:
    """The offer ``pk`` if ``user`` manages it; None otherwise, so that callers
    answer as if it did not exist."""
    offer = Offer.objects.with_relations().filter(pk=pk).first()
    return offer if offer is not None and can_manage(user, offer) else None


def available_transitions(user, offer: Offer) -> list[Transition]:
    if not can_manage(user, offer):
        return []
    return [t for t in TRANSITIONS.values() if offer.status in t.sources and user.role in t.roles]


def apply_transition(offer: Offer, name: str, *, by=None, reason: str = "") -> Offer:
    transition = TRANSITIONS[name]
    reason = reason.strip()
    if transition.needs_reason and not reason:
        raise TransitionError(_("Indiquez le motif : l'employeur le verra."))
    if by is not None and transition not in available_transitions(by, offer):
        raise TransitionError(
            _("Action « %(action)s » impossible sur une offre « %(status)s ».")
            % {"action": transition.label, "status": offer.get_status_display()}
        )
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer.pk)
        if offer.status not in transition.sources:  # changed meanwhile
            raise TransitionError(
                _("Cette offre est maintenant « %(status)s ».") % {"status": offer.get_status_display()}
            )
        target = transition.target
        if name == "submit" and not connection.tenant.offer_moderation:
            target = S.PUBLISHED
        previous = offer.status
        offer.status = target
        if target == S.PUBLISHED:
            now = timezone.now()
            if previous != S.PUBLISHED:
                offer.published_at = now
            offer.expires_at = now + datetime.timedelta(days=connection.tenant.offer_validity_days)
            offer.expiry_warning_sent_at = None
            offer.rejection_reason = ""
        if target == S.REJECTED:
            offer.rejection_reason = reason
        offer.save()
        OfferTransition.objects.create(offer=offer, from_status=previous, to_status=target, by=by, reason=reason)
        sync_offers([offer.pk])
    return offer


def save_offer(form) -> Offer:
    """Save an offer form (UI or API) and refresh the shared index if it is online."""
    with transaction.atomic():
        offer = form.save()
        sync_offers([offer.pk])
    return offer


EXPIRY_WARNING_DAYS = 7


def expire_due_offers(now=None) -> int:
    """Move every published offer past its expiry date to "expired", in two statements."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(Offer.objects.expired_by(now).select_for_update(skip_locked=True).values_list("pk", flat=True))
        Offer.objects.filter(pk__in=due).update(status=S.EXPIRED, updated_at=now)
        OfferTransition.objects.bulk_create(
            OfferTransition(offer_id=pk, from_status=S.PUBLISHED, to_status=S.EXPIRED, reason=_("Date limite atteinte"))
            for pk in due
        )
        sync_offers(due)
    return len(due)


def warn_offers_expiring_soon(*, base_url: str, now=None) -> int:
    """Tell each employer, once, which of its offers go offline within a week."""
    now = now or timezone.now()
    with transaction.atomic():
        offers = list(
            Offer.objects.expiring_within(now, EXPIRY_WARNING_DAYS)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("employer")
            .order_by("employer_id", "expires_at")
        )
        Offer.objects.filter(pk__in=[offer.pk for offer in offers]).update(expiry_warning_sent_at=now)
        by_employer = {}
        for offer in offers:
            by_employer.setdefault(offer.employer, []).append(offer)
        recipients = dict(
            Membership.objects.filter(employer__in=by_employer, user__is_active=True)
            .values_list("employer_id")
            .annotate(emails=ArrayAgg("user__email"))
        )
        for employer, employer_offers in by_employer.items():
            if recipients.get(employer.pk):
                context = {"employer": employer, "offers": employer_offers, "base_url": base_url}
                queue_mail("offers/emails/expiry_warning.txt", recipients[employer.pk], context)
    return len(offers)
