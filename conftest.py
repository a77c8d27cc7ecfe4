"""Make ``platform`` resolve to the project package before Django starts.

A bare ``pytest`` (unlike ``python -m pytest`` or ``manage.py``) imports the
standard ``platform`` module before the repository is on ``sys.path``. The
project package re-exports the whole standard API (see platform/__init__.py),
so swapping it in keeps every module that already holds the standard one working.
"""

import importlib
import os
import sys

import django

if not hasattr(sys.modules.get("platform"), "__path__"):
    sys.modules.pop("platform", None)
    importlib.import_module("platform")

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform.settings")

# The settings module is not in the pytest configuration (it could not be
# imported that early), so Django is set up here, before tests/conftest.py
# imports models; pytest-django sees it ready and only installs its DB blocker.
django.setup()
