"""Production settings pass Django's deployment checks and refuse a missing or weak secret key."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def manage(*args, **env):
    environment = {**os.environ, "DJANGO_ENV": "production", **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True
    )


def test_the_deployment_checks_pass_with_a_strong_key():
    result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr


def test_a_missing_or_weak_key_is_refused():
    missing = manage("check", DJANGO_SECRET_KEY="")
    weak = manage("check", DJANGO_SECRET_KEY="motdepasse")
    assert "DJANGO_SECRET_KEY must be set" in missing.stderr
    assert "DJANGO_SECRET_KEY is too weak" in weak.stderr
