"""Per-territory look: theme folders that override templates, colours and logo.

``themes/base/templates`` holds every template; a territory whose ``theme`` is
another folder of ``themes/`` sees that folder's templates first. Colours and
logo are applied through CSS custom properties in ``base.html``.
"""

from django.conf import settings
from django.db import connection
from django.template.loaders.cached import Loader as CachedLoader
from django.template.loaders.filesystem import Loader as FilesystemLoader

from tenants.enums import TerritoryKind

BASE_THEME = "base"


def current_theme() -> str:
    tenant = getattr(connection, "tenant", None)
    return getattr(tenant, "theme", BASE_THEME) or BASE_THEME


class ThemeLoader(FilesystemLoader):
    def get_dirs(self):
        theme = current_theme()
        dirs = [settings.THEMES_DIR / BASE_THEME / "templates"]
        if theme != BASE_THEME:
            dirs.insert(0, settings.THEMES_DIR / theme / "templates")
        return dirs


class CachedThemeLoader(CachedLoader):
    """Django's cached loader, keyed by theme as well as by template name."""

    def cache_key(self, template_name, skip=None):
        return f"{current_theme()}:{super().cache_key(template_name, skip)}"


def territory(request):
    """Template context: the territory whose portal is served (None on the provider site)."""
    tenant = getattr(request, "tenant", None)
    return {"territory": tenant if getattr(tenant, "kind", None) == TerritoryKind.TERRITORY else None}
