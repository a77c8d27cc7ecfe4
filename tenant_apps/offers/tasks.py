from django.db import connection

from platform.celery import app
from tenant_apps.offers import services


@app.task
def expire_offers():
    """Daily, in each territory: take expired offers offline, warn employers a week before."""
    expired = services.expire_due_offers()
    warned = services.warn_offers_expiring_soon(base_url=connection.tenant.portal_url().rstrip("/"))
    return {"expired": expired, "warned": warned}
