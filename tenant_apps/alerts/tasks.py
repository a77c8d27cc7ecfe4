from django.db import connection

from platform.celery import app
from tenant_apps.alerts import services


@app.task
def run_alerts(frequency: str):
    """In one territory: match the alerts of ``frequency`` with the new offers and e-mail them."""
    return services.run(frequency, base_url=connection.tenant.portal_url().rstrip("/"))


@app.task
def run_candidate_alerts():
    """Daily, in one territory: recruiters hear of candidates newly visible for their offers."""
    return services.run_candidate_alerts(base_url=connection.tenant.portal_url().rstrip("/"))
