"""Suggestions for what people type in commune and job-title fields (JSON, for a datalist)."""

from django.db.models import Q
from django.http import JsonResponse
from django.views.decorators.cache import cache_control

from shared_apps.referentials.communes import commune_label
from shared_apps.referentials.models import Appellation, Commune
from shared_apps.referentials.text import normalize

MAX_SUGGESTIONS = 10
MIN_LENGTH = 2


def _typed(request) -> str:
    return normalize(request.GET.get("q", ""))[:100]


@cache_control(public=True, max_age=3600)
def commune_suggestions(request):
    typed = _typed(request)
    if len(typed) < MIN_LENGTH:
        return JsonResponse({"results": []})
    communes = Commune.objects.filter(Q(search_name__startswith=typed) | Q(postal_codes__startswith=typed)).order_by(
        "-population"
    )[:MAX_SUGGESTIONS]
    return JsonResponse({"results": [{"label": commune_label(c), "insee": c.insee} for c in communes]})


@cache_control(public=True, max_age=3600)
def job_title_suggestions(request):
    typed = _typed(request)
    if len(typed) < MIN_LENGTH:
        return JsonResponse({"results": []})
    titles = (
        Appellation.objects.filter(search_label__contains=typed)
        .select_related("occupation")
        .order_by("search_label")[:MAX_SUGGESTIONS]
    )
    return JsonResponse({"results": [{"label": t.label, "rome": t.occupation_id} for t in titles]})
