import datetime

from django.utils import timezone

from platform.celery import app
from tenant_apps.statistics import services

# Nightly, the last weeks again: hires are often recorded days after the hiring date, and an
# offer's "no application after 15 days" is only known 15 days after it was published.
NIGHTLY_DAYS = 35


@app.task
def refresh_statistics(days: int = 0):
    """In each territory (tenants.tasks.for_each_territory): hourly with ``days=0`` (today),
    nightly with ``NIGHTLY_DAYS``."""
    services.refresh(timezone.localdate() - datetime.timedelta(days=days))
