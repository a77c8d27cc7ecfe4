"""The project's settings, with the bench's URLs (``tests.bench.urls``), for its gunicorn."""

from platform.settings import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"
