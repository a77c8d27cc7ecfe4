from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views import View
from django.views.decorators.cache import cache_control


class UnknownHostView(View):
    """What a host that belongs to no territory gets: a clear 404 page."""

    def get(self, request, *args, **kwargs):
        return render(request, "tenants/unknown_host.html", {"host": request.get_host()}, status=404)

    post = put = patch = delete = get


def home(request):
    return render(request, "tenants/home.html")


@cache_control(public=True, max_age=3600)
def logo(request):
    """The territory's logo, read from storage (no public media URL)."""
    if not request.tenant.logo:
        raise Http404
    return FileResponse(request.tenant.logo.open("rb"))
