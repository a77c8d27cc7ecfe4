"""Rate limits of the forms that create accounts or send e-mail.

One decorator, `rate_limited("name")`, with its limit in settings.FORM_RATE_LIMITS
(`"name": (count, seconds)`): past `count` posts from one address (or, once logged in, one
account) in a window of `seconds`, the form answers 429 with the page 429.html until the
window ends. Logged-in people count per account: a reception desk or a France Travail agency
puts many people behind one address, and an account is what a spammer would reuse.

Why not django-ratelimit: it would do the counting the same way (a cache counter per
key and window) but raises `Ratelimited`, a PermissionDenied, so every limited view would
answer 403 unless a middleware or handler403 translates it; its key and rate syntax would
also be one more thing to learn for four forms. Counting in the cache is a dozen lines here.

The counters live in the default cache (Redis in production, shared by every web process);
its key function (django_tenants.cache.make_key) prefixes each key with the schema, so a
territory's visitors never use up another territory's budget. The API uses DRF's throttling
with the same cache (settings.REST_FRAMEWORK).
"""

import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_ip(request) -> str:
    """The visitor's address: behind NUM_PROXIES proxies that append to X-Forwarded-For, the
    address the outermost of them saw (what the visitor typed cannot be trusted); otherwise
    REMOTE_ADDR. Same rule as DRF's throttling, also used by django-axes for login lockouts."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.NUM_PROXIES and forwarded:
        addresses = [address.strip() for address in forwarded.split(",")]
        return addresses[-min(settings.NUM_PROXIES, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")


def hit(request, name: str) -> int:
    """Count one use of the form `name` by this address: 0 while within its limit, else the
    seconds until its window ends."""
    count, seconds = settings.FORM_RATE_LIMITS[name]
    window = int(time.time() // seconds)
    user = getattr(request, "user", None)
    who = f"user-{user.pk}" if user is not None and user.is_authenticated else client_ip(request)
    key = f"ratelimit:{name}:{who}:{window}"
    cache.add(key, 0, timeout=seconds)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        hits = 1
    return 0 if hits <= count else seconds - int(time.time() % seconds)


def rate_limited(name: str, methods=("POST",)):
    """Limit the `methods` requests of a view (by default its form posts: showing the form stays free)."""

    def decorator(view):
        @wraps(view)
        def limited_view(request, *args, **kwargs):
            if request.method in methods and (wait := hit(request, name)):
                response = render(request, "429.html", {"retry_minutes": math.ceil(wait / 60)}, status=429)
                response["Retry-After"] = str(wait)
                return response
            return view(request, *args, **kwargs)

        return limited_view

    return decorator
