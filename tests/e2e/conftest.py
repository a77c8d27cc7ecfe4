"""Browser journeys: Debian's Chromium driven by Playwright against a live server.

The pages are those of the session's territories (committed data); Chromium
resolves ``*.localhost`` to the loopback, so each portal is reached by its own
host name as in production. Without Chromium the journeys are skipped, except
where E2E_REQUIRED is set (CI), where that is an error.
"""

import os
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "locale": "fr-FR",
}
DESKTOP = {"viewport": {"width": 1280, "height": 800}, "locale": "fr-FR"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail("E2E_REQUIRED is set but /usr/bin/chromium is missing (apt-get install chromium).")
        pytest.skip("Chromium is not installed (apt-get install chromium): browser journeys skipped.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # journeys make between browser steps are still synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(scope="session")
def _live_server_thread(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        thread = LiveServerThread("localhost", StaticFilesHandler, port=0)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        yield thread
        thread.terminate()


@pytest.fixture
def live_server_port(_live_server_thread, django_db_blocker):
    """The live server's port; the database stays open to its thread during the test."""
    with django_db_blocker.unblock():
        yield _live_server_thread.port
