"""The Django project: settings, URLconfs, WSGI/ASGI, Celery app, embedded PostgreSQL.

The user asked for the project to live in ``platform/``, a name that shadows the
standard library's ``platform`` module in every process started from the
repository root (``manage.py``, ``python -m pytest``, ``python -m celery``...).
Django, Celery, pytest, sentry-sdk and ``uuid`` call ``platform.system()`` and
friends, so this package first executes the standard module's own source in its
namespace: ``import platform`` then gives both the standard API and the
project's submodules. ``tests/platform/test_stdlib_shadow.py`` proves it.

Nothing else is imported here, so that every ``import platform`` stays cheap.
"""

import os as _os

_PROJECT_DOC = __doc__
_STDLIB_PLATFORM = _os.path.join(_os.path.dirname(_os.__file__), "platform.py")
with open(_STDLIB_PLATFORM, encoding="utf-8") as _source:
    exec(compile(_source.read(), _STDLIB_PLATFORM, "exec"))  # noqa: S102
__doc__ = _PROJECT_DOC
