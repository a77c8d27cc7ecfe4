"""Writing the audit journal: the one entry point every hook calls.

The journal answers "who on the territory's side, its partners' or the provider's looked at or
handled this person's data". Hooked today: CV downloads (applications and CVthèque), CVthèque
profiles opened by staff (``record_profile_view``), the provider's support entering the territory
(``record_support_login``). Not hooked, on purpose:

- the candidate's own export and erasure (``candidates.privacy``), and the retention job: the
  person acting on their own data, or a rule, not someone accountable to them. A staff-side export
  or erasure does not exist yet; when it does, its view calls ``record`` with ``EXPORTED``/``ERASED``.
- Django admin changes: the admin already writes a ``LogEntry`` in the territory's schema for each
  (who, which object, which fields), readable in the admin; copying it would keep the same fact twice.
"""

from django.db import models

from platform.ratelimit import client_ip
from tenant_apps.accounts.enums import Role
from tenant_apps.audit.enums import AuditAction
from tenant_apps.audit.models import AuditEntry


def support_actor_label(email: str) -> str:
    """Label of a provider's staff member entering a territory through a support grant.

    They are users of the public schema, so no foreign key can point at them from the territory's
    schema: the caller passes ``actor=None, details={"actor_label": support_actor_label(email)}``
    or simply uses :func:`record_support_login`."""
    return f"Équipe du fournisseur : {email}"


def record(actor, action, target=None, *, on_behalf_of=None, details=None, request=None) -> AuditEntry:
    """Write one entry of the active territory's journal and return it.

    ``actor`` is a user of the active schema, or ``None`` for someone who has none there (the
    provider's staff: give ``details={"actor_label": ...}``, see :func:`support_actor_label`).
    ``target`` is a model instance (its model name, primary key and ``str`` are kept) or ``None``.
    ``request`` gives the IP address, with the same proxy rule as the rate limits."""
    details = dict(details or {})
    actor_role = details.pop("actor_role", "")
    actor_label = details.pop("actor_label", "") or (
        f"{actor.get_full_name()} <{actor.email}>" if actor is not None else ""
    )
    target_type = target_id = target_label = ""
    if isinstance(target, models.Model):
        target_type = target._meta.model_name
        target_id = str(target.pk)
        target_label = str(target)[:300]
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=actor_label[:300],
        actor_role=getattr(actor, "role", "") or actor_role,
        on_behalf_of=on_behalf_of,
        action=AuditAction(action),
        target_type=target_type,
        target_id=target_id,
        target_label=target_label,
        details=details,
        ip=(client_ip(request) or None) if request is not None else None,
    )


def record_support_login(email: str, *, details=None, request=None) -> AuditEntry:
    """A provider's staff member entered the active territory through a support grant.

    Called by the support grants (public schema) once the territory's schema is active."""
    return record(
        None,
        AuditAction.LOGGED_IN_AS_SUPPORT,
        details={**(details or {}), "actor_label": support_actor_label(email), "actor_role": "provider_staff"},
        request=request,
    )


# Profile views by recruiters are already kept as candidates.ProfileView and shown to the candidate
# ("who looked at my profile"): the journal is about the territory's own staff, its partners and the
# provider, whose access to a person's record the territory must be able to account for.
STAFF_ROLES = (Role.RECEPTION_AGENT, Role.ADVISOR, Role.PARTNER, Role.TERRITORY_ADMIN)


def record_profile_view(viewer, candidate, *, request=None) -> AuditEntry | None:
    """A CVthèque profile opened: journaled for staff roles only (see ``STAFF_ROLES``)."""
    if viewer.role not in STAFF_ROLES:
        return None
    return record(viewer, AuditAction.VIEWED, candidate, details={"page": "cvtheque"}, request=request)
