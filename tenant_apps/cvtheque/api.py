"""The CVthèque search through the API, for recruiters, advisors and partners."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.views import APIView

from platform.api import form_errors
from platform.pagination import Pagination
from tenant_apps.applications.api import IsFollower
from tenant_apps.candidates.models import Candidate
from tenant_apps.cvtheque.forms import CandidateSearchForm
from tenant_apps.cvtheque.search import search_candidates
from tenant_apps.cvtheque.services import may_search


class CandidateCardSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name")
    commune = serializers.CharField(source="commune_id", allow_null=True)
    occupations = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    distance_km = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Candidate
        fields = [
            "id",
            "url",
            "name",
            "commune",
            "distance_km",
            "occupations",
            "driving_licence",
            "has_vehicle",
            "available_from",
            "contract_types",
        ]
        read_only_fields = fields

    def get_distance_km(self, candidate) -> float | None:
        distance = getattr(candidate, "distance_km", None)
        return round(distance, 1) if distance is not None else None

    def get_url(self, candidate) -> str:
        return self.context["request"].build_absolute_uri(f"/cvtheque/candidats/{candidate.pk}/")


class IsSearcher(IsFollower):
    message = "Réservé aux recruteurs, aux conseillers et aux partenaires dont la structure a accès à la CVthèque."

    def has_permission(self, request, view):
        return super().has_permission(request, view) and may_search(request.user)


class CandidateSearch(APIView):
    permission_classes = [IsSearcher]

    @extend_schema(
        parameters=[
            OpenApiParameter(name, str, description=str(field.label or name))
            for name, field in CandidateSearchForm.base_fields.items()
        ]
        + [OpenApiParameter("page", int), OpenApiParameter("page_size", int, description="50 au plus")],
        responses=CandidateCardSerializer(many=True),
    )
    def get(self, request):
        """Visible candidates, with the CVthèque page's criteria."""
        form = CandidateSearchForm(request.query_params)
        if not form.is_valid():
            raise form_errors(form)
        candidates = search_candidates(form.criteria()).prefetch_related("occupations")
        paginator = Pagination()
        page = paginator.paginate_queryset(candidates, request, view=self)
        return paginator.get_paginated_response(
            CandidateCardSerializer(page, many=True, context={"request": request}).data
        )
