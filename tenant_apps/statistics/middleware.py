from django.db import connection
from django_tenants.utils import get_public_schema_name

from tenant_apps.statistics import counters
from tenant_apps.statistics.devices import classify
from tenant_apps.statistics.enums import VISIT_METRICS

NOT_PAGES = ("/static/", "/api/", "/admin/", "/healthz", "/i18n/")


class VisitCounterMiddleware:
    """Counts the portal's HTML page views by kind of device (see ``devices``), from the
    User-Agent alone: no cookie, no address, nothing about the person is kept, only a
    per-day, per-device counter of the territory in the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and connection.schema_name != get_public_schema_name()
            and not request.path.startswith(NOT_PAGES)
        ):
            device = classify(request.headers.get("User-Agent", ""))
            if device is not None:
                counters.count(VISIT_METRICS[device])
        return response
