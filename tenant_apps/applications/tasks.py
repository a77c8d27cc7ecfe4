from django.db import connection

from platform.celery import app
from tenant_apps.applications import services


@app.task
def send_daily_summaries():
    """Each morning, in each territory: the recruiters' summaries of yesterday's applications."""
    return services.send_daily_summaries(base_url=connection.tenant.portal_url().rstrip("/"))
