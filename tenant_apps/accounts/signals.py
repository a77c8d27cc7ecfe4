"""Session length by role, decided when the user logs in."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from tenant_apps.accounts.two_factor import requires_second_factor


@receiver(user_logged_in, dispatch_uid="accounts.staff_session_expiry")
def shorten_staff_sessions(sender, request, user, **kwargs):
    """Staff roles (reception agents, advisors, partners, territory admins, provider staff,
    cross-territory admins, anyone with the Django admin) get a session that ends
    STAFF_SESSION_AGE (8 hours: one working day) after logging in.

    Absolute rather than idle: Django renews a session's expiry only when the session is
    written, so an idle timeout would either log people out in the middle of their work or
    need a database write on every request. A stolen staff session or a shared reception
    computer left logged in is then good for one day at most; candidates and recruiters keep
    the default two weeks, as they see only their own data."""
    if request is not None and requires_second_factor(user):
        request.session.set_expiry(settings.STAFF_SESSION_AGE)
