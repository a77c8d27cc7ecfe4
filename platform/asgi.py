"""ASGI entry point. The tenant context is thread-local: keep views synchronous."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform.settings")
application = get_asgi_application()
