"""What the benchmarks share: the platform set up, percentiles, and a page served by gunicorn
(2 workers) from the bench database, measured with sequential then concurrent requests."""

import http.client
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management import call_command
from django_tenants.utils import tenant_context

from shared_apps.referentials.services import load_referentials
from tenants.services import ensure_provider_and_template

HTTP_WORKERS = 2
CLIENTS = 4  # concurrent clients: enough to keep both workers busy


def prepare_platform() -> None:
    """The public schema migrated, the reference data, the provider and the template: idempotent,
    so that any benchmark can run alone (``python -m tests.bench search``)."""
    call_command("migrate_schemas", "--shared", verbosity=0)
    load_referentials()
    ensure_provider_and_template()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, host: str, path: str, headers: dict | None = None) -> float:
    """One request on a new connection (gunicorn's sync workers close it), in ms."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path}: {response.status}")
    return (time.perf_counter() - started) * 1000


def serve(port: int, host: str, ready_path: str = "/bench/bare/") -> subprocess.Popen:
    """gunicorn on this database, with the bench's URLs (the portal's and a trivial view);
    ``ready_path`` answers once it serves (``/healthz`` on the provider host)."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.bench.settings"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "platform.wsgi:application", f"--bind=127.0.0.1:{port}",
         f"--workers={HTTP_WORKERS}", "--no-control-socket", "--log-level=warning"],
        cwd=settings.BASE_DIR,
        env=environment,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            get(port, host, ready_path)
            return server
        except (OSError, RuntimeError):
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise
            time.sleep(0.2)


def load(port: int, host: str, paths: list[str], rounds: int, headers: dict | None = None, concurrent_paths=None):
    """Latencies of ``rounds`` sequential passes over ``paths``, then requests per second
    of as many requests (or of ``concurrent_paths``) sent by CLIENTS at once."""
    latencies = [get(port, host, path, headers) for _ in range(rounds) for path in paths]
    concurrent_paths = concurrent_paths or paths * rounds
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as clients:
        done = len(list(clients.map(lambda path: get(port, host, path, headers), concurrent_paths)))
    return latencies, done / (time.perf_counter() - started)


def session_cookie(territory, user, **data) -> dict:
    """A Cookie header logging ``user`` into the territory's portal, as a login would; ``data``
    goes into the session too (e.g. django-otp's device key: the second factor given)."""
    with tenant_context(territory):
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session.update(data)
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}"}
