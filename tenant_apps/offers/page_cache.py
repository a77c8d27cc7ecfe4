"""The search page, cached whole for anonymous visitors.

Most visitors of a portal are anonymous and run the same few searches (the newest offers,
"cariste" near the main town…). Rendering the page costs more than its SQL (the form's
widgets, twenty results, the page around them), so the rendered page of a (territory,
language, query) is kept in the cache for ``SEARCH_PAGE_CACHE_SECONDS`` and served from there.

What keeps a cached page right:
- the shared index's generation (``directory.services.index_generation``) is part of the
  key: every publication, edit, expiry or filling of an offer anywhere (a neighbour's offers
  show in the results too) bumps it, which makes every cached search page a miss;
- only anonymous visitors without a pending message get or fill it: their page is the same
  for all of them except its CSRF token, which is cut out when stored and is the visitor's
  own when served (``get_token``: the cookie is set as on a rendered page);
- branding changes (colours, welcome text) show on this page within the cache's lifetime.
"""

import re
from functools import wraps
from hashlib import sha256

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from shared_apps.directory.services import index_generation

CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = "\x00csrf\x00"


def _key(request) -> str:
    generation = index_generation()
    query = sorted(request.GET.lists())
    digest = sha256(repr((request.path, query)).encode()).hexdigest()
    # The default cache prefixes the schema: a territory never reads another's page.
    return f"search-page:{generation}:{request.LANGUAGE_CODE}:{digest}"


def _cacheable(request) -> bool:
    return (
        settings.SEARCH_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and not request.user.is_authenticated
        and not len(get_messages(request))  # counting them does not mark them shown
    )


def cached_for_visitors(view):
    """Serve ``view``'s page from the cache to anonymous visitors (see the module's docstring)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        if (cached := cache.get(key)) is not None:
            response = HttpResponse(cached.replace(CSRF_PLACEHOLDER, get_token(request)))
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not getattr(response, "streaming", False):
            html = CSRF_INPUT.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", response.content.decode())
            cache.set(key, html, settings.SEARCH_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    return wrapper
