from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from tenant_apps.accounts.enums import Role
from tenant_apps.candidates.models import Candidate


@receiver(user_logged_in)
def back_again(sender, user, **kwargs):
    """A candidate warned of the deletion of an inactive account keeps it by logging in."""
    if user.role != Role.CANDIDATE:  # the provider's staff, in the public schema, have no profile
        return
    Candidate.objects.filter(user=user, retention_warning_sent_at__isnull=False).update(retention_warning_sent_at=None)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def hide_deactivated(sender, instance, **kwargs):
    """A deactivated account leaves the CVthèque (which then needs no join on accounts)."""
    if not instance.is_active and instance.role == Role.CANDIDATE:
        Candidate.objects.filter(user=instance, cvtheque_visible=True).update(cvtheque_visible=False)
