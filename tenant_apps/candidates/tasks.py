from django.db import connection

from platform.celery import app
from tenant_apps.candidates import privacy


@app.task
def apply_retention():
    """Daily, in each territory: warn long-inactive candidates, erase those who did not come back."""
    territory = connection.tenant
    warned, erased = privacy.apply_retention(
        months=territory.candidate_retention_months, base_url=territory.portal_url().rstrip("/")
    )
    return {"warned": warned, "erased": erased}
