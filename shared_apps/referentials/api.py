"""Autocomplete of communes and job titles: public, read-only, used by the portal's forms."""

from django.db.models import Q
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from shared_apps.referentials.communes import commune_label
from shared_apps.referentials.models import Appellation, Commune
from shared_apps.referentials.text import normalize

MAX_SUGGESTIONS = 10
MIN_LENGTH = 2
TYPED = OpenApiParameter("q", str, description="ce que la personne a tapé (2 caractères au moins)")


def _typed(request) -> str:
    return normalize(request.query_params.get("q", ""))[:100]


@method_decorator(cache_control(public=True, max_age=3600), name="dispatch")
class CommuneSuggestions(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        parameters=[TYPED],
        responses=inline_serializer(
            "CommuneSuggestions",
            {
                "results": serializers.ListField(
                    child=inline_serializer(
                        "CommuneSuggestion", {"label": serializers.CharField(), "insee": serializers.CharField()}
                    )
                )
            },
        ),
    )
    def get(self, request):
        typed = _typed(request)
        if len(typed) < MIN_LENGTH:
            return Response({"results": []})
        communes = Commune.objects.filter(
            Q(search_name__startswith=typed) | Q(postal_codes__startswith=typed)
        ).order_by("-population")[:MAX_SUGGESTIONS]
        return Response({"results": [{"label": commune_label(c), "insee": c.insee} for c in communes]})


@method_decorator(cache_control(public=True, max_age=3600), name="dispatch")
class JobTitleSuggestions(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        parameters=[TYPED],
        responses=inline_serializer(
            "JobTitleSuggestions",
            {
                "results": serializers.ListField(
                    child=inline_serializer(
                        "JobTitleSuggestion", {"label": serializers.CharField(), "rome": serializers.CharField()}
                    )
                )
            },
        ),
    )
    def get(self, request):
        typed = _typed(request)
        if len(typed) < MIN_LENGTH:
            return Response({"results": []})
        titles = Appellation.objects.filter(search_label__contains=typed).order_by("search_label")[:MAX_SUGGESTIONS]
        return Response({"results": [{"label": t.label, "rome": t.occupation_id} for t in titles]})
