"""Liveness and readiness probes, answered before tenant resolution.

Kubernetes probes reach pods by IP, with no territory host: these paths must not
go through django-tenants' host lookup, so this middleware sits first.
"""

import logging

from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_broker() -> None:
    from platform.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


READINESS_CHECKS = {"database": check_database, "broker": check_broker}


def readiness() -> tuple[bool, dict[str, str]]:
    results = {}
    for name, check in READINESS_CHECKS.items():
        try:
            check()
        except Exception as exc:  # a probe reports every failure, whatever its type
            logger.warning("readiness check %s failed: %s", name, exc)
            results[name] = "unavailable"
        else:
            results[name] = "ok"
    return all(state == "ok" for state in results.values()), results


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return JsonResponse({"status": "ok"})
        if request.path == "/readyz":
            ready, checks = readiness()
            return JsonResponse(
                {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
            )
        return self.get_response(request)
