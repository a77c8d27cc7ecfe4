from django.shortcuts import render

from tenants.models import Territory


def home(request):
    """The provider site: what Emploi Local is, and the portals it hosts."""
    territories = Territory.objects.portals().filter(suspended_at__isnull=True).prefetch_related("domains")
    return render(request, "provider/home.html", {"territories": territories})
