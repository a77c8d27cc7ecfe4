from django.db.models.signals import post_save
from django.dispatch import receiver

from tenant_apps.applications.models import Hire
from tenant_apps.followup.services import schedule_checks


@receiver(post_save, sender=Hire, dispatch_uid="followup_schedule_hire_checks")
def hire_recorded(sender, instance, created, raw=False, **kwargs):
    """However a hire is recorded (an application, a proposal, the forum), it gets its checks."""
    if created and not raw:
        schedule_checks(instance)
