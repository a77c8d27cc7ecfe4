"""The Content-Security-Policy of each response (django-csp), completed per territory."""

import re
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware

# A host, possibly with a {s}-style subdomain placeholder (become "*") and a port: nothing
# a territory admin types can add a directive or a source to the header.
TILE_HOST = re.compile(r"^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d+)?$")


def tile_source(tile_url: str) -> str | None:
    """The CSP source of a Leaflet tile URL template, e.g. https://*.tile.openstreetmap.org for
    https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png; None when it is not a plain http(s) host."""
    parts = urlsplit(tile_url)
    host = re.sub(r"^\{[a-z]+\}\.", "*.", parts.netloc.lower())
    if parts.scheme not in {"http", "https"} or not TILE_HOST.match(host):
        return None
    return f"{parts.scheme}://{host}"


class TerritoryCSPMiddleware(CSPMiddleware):
    """The map of the search page loads its tiles from the server the territory chose
    (Territory.map_tile_url): that server joins img-src on the territory's pages."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        source = tile_source(getattr(getattr(request, "tenant", None), "map_tile_url", "") or "")
        if source and not report_only:
            update = dict(parts.update or {})
            update["img-src"] = [*update.get("img-src", []), source]
            parts.update = update
        return parts
