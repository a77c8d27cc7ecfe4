"""Make ``platform`` resolve to the project package before Django starts.

A bare ``pytest`` (unlike ``python -m pytest`` or ``manage.py``) imports the
standard ``platform`` module before the repository is on ``sys.path``. The
project package re-exports the whole standard API (see platform/__init__.py),
so swapping it in keeps every module that already holds the standard one working.
"""

import importlib
import os
import sys

if not hasattr(sys.modules.get("platform"), "__path__"):
    sys.modules.pop("platform", None)
    importlib.import_module("platform")

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform.settings")
