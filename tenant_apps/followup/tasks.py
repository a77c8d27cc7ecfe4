from django.db import connection

from platform.celery import app
from tenant_apps.followup import services


@app.task
def send_hire_check_reminders():
    """Each morning, in each territory: the advisors' reminders of hires to check."""
    return services.send_check_reminders(base_url=connection.tenant.portal_url().rstrip("/"))
