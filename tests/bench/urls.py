"""A portal's URLs, plus a view that does nothing: what any page of a portal costs before
its own work (the same middleware: tenant resolution, session, locale, authentication)."""

from django.http import HttpResponse
from django.urls import path

from platform.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *portal_urlpatterns]
