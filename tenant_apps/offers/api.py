"""The offers API: public search and reading, employers' offers and their life cycle.

Validation is the UI's: requests are checked by the same forms (OfferForm,
SearchForm), and their field errors are returned as JSON with a 400.
"""

from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from platform.pagination import Pagination
from shared_apps.referentials.communes import commune_label
from tenant_apps.accounts.enums import Role
from tenant_apps.employers.services import employer_of
from tenant_apps.offers import services
from tenant_apps.offers.enums import OfferStatus
from tenant_apps.offers.forms import OfferForm, SearchForm
from tenant_apps.offers.models import Offer
from tenant_apps.offers.search import search_offers
from tenant_apps.offers.views import managed_offer_or_404


class OfferSerializer(serializers.ModelSerializer):
    employer = serializers.CharField(source="employer.name", read_only=True)
    occupation = serializers.CharField(source="occupation_id", read_only=True)
    occupation_label = serializers.CharField(source="occupation.label", read_only=True)
    commune = serializers.CharField(source="commune_id", read_only=True)
    commune_label = serializers.SerializerMethodField()
    distance_km = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Offer
        # What the offer form edits (the typed description aside: its safe rendering
        # is given), plus what the server derives.
        fields = [
            "id",
            "url",
            "employer",
            *(name for name in OfferForm.Meta.fields if name != "description"),
            "description_html",
            "occupation_label",
            "commune_label",
            "latitude",
            "longitude",
            "distance_km",
            "published_at",
            "expires_at",
        ]
        read_only_fields = fields

    def get_commune_label(self, offer) -> str:
        return commune_label(offer.commune)

    def get_distance_km(self, offer) -> float | None:
        distance = getattr(offer, "distance_km", None)
        return round(distance, 1) if distance is not None else None

    def get_url(self, offer) -> str:
        return self.context["request"].build_absolute_uri(f"/offres/{offer.pk}/")


class ManagedOfferSerializer(OfferSerializer):
    """What the employer also sees of its own offers."""

    class Meta(OfferSerializer.Meta):
        fields = [*OfferSerializer.Meta.fields, "description", "status", "rejection_reason", "created_at"]
        read_only_fields = fields


def form_errors(form) -> ValidationError:
    return ValidationError(
        {field: [e["message"] for e in errors] for field, errors in form.errors.get_json_data().items()}
    )


class PublicOfferSearch(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter(name, str, description=str(field.label or name))
            for name, field in SearchForm.base_fields.items()
        ]
        + [OpenApiParameter("page", int), OpenApiParameter("page_size", int, description="50 au plus")],
        responses=OfferSerializer(many=True),
    )
    def get(self, request):
        """Published offers of the territory, with the search page's criteria."""
        data = request.query_params
        form = SearchForm(data, default_radius_km=request.tenant.default_search_radius_km)
        if not form.is_valid():
            raise form_errors(form)
        offers = search_offers(form.criteria(), rows=Offer.objects.with_relations())
        paginator = Pagination()
        page = paginator.paginate_queryset(offers, request, view=self)
        return paginator.get_paginated_response(OfferSerializer(page, many=True, context={"request": request}).data)


MAP_MAX_OFFERS = 1000


class PublicOfferMap(APIView):
    """The search's results grouped by commune, for the map: one point per commune."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter(name, str) for name in SearchForm.base_fields],
        responses=inline_serializer(
            "OfferMap",
            {
                "communes": serializers.ListField(
                    child=inline_serializer(
                        "OfferMapCommune",
                        {
                            "name": serializers.CharField(),
                            "latitude": serializers.FloatField(),
                            "longitude": serializers.FloatField(),
                            "offers": serializers.ListField(child=serializers.DictField()),
                        },
                    )
                ),
                "truncated": serializers.BooleanField(),
            },
        ),
    )
    def get(self, request):
        form = SearchForm(request.query_params, default_radius_km=request.tenant.default_search_radius_km)
        if not form.is_valid():
            raise form_errors(form)
        rows = Offer.objects.values("pk", "title", "employer__name", "commune__name", "latitude", "longitude")
        offers = search_offers(form.criteria(), rows=rows)[: MAP_MAX_OFFERS + 1]
        communes = {}
        for offer in offers[:MAP_MAX_OFFERS]:
            point = communes.setdefault(
                offer["commune__name"],
                {
                    "name": offer["commune__name"],
                    "latitude": offer["latitude"],
                    "longitude": offer["longitude"],
                    "offers": [],
                },
            )
            point["offers"].append(
                {
                    "id": offer["pk"],
                    "title": offer["title"],
                    "employer": offer["employer__name"],
                    "url": f"/offres/{offer['pk']}/",
                }
            )
        return Response({"communes": list(communes.values()), "truncated": len(offers) > MAP_MAX_OFFERS})


class PublicOfferDetail(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=OfferSerializer)
    def get(self, request, pk):
        offer = get_object_or_404(Offer.objects.published().with_relations(), pk=pk)
        return Response(OfferSerializer(offer, context={"request": request}).data)


class IsRecruiter(BasePermission):
    message = "Réservé aux recruteurs d'un employeur."

    def has_permission(self, request, view):
        user = request.user
        if not (user.is_authenticated and user.has_role(Role.RECRUITER)):
            return False
        request.employer = employer_of(user)
        return request.employer is not None


def _form_data(request, offer: Offer) -> QueryDict:
    """The request's fields as the offer form expects them, over the offer's current
    values (its defaults for a new one): a field left out keeps its value."""
    data = QueryDict(mutable=True)
    current = OfferForm(instance=offer)
    for name, field in current.fields.items():
        value = current.initial.get(name, field.initial)
        if value is not None and value is not False:
            data[name] = "on" if value is True else str(value)
    for name, value in request.data.items():
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            else:
                data.pop(name, None)
        elif value is not None:
            data[name] = str(value)
    return data


class EmployerOffers(APIView):
    permission_classes = [IsRecruiter]

    def _offers(self, request):
        return Offer.objects.of_employer(request.employer).with_relations()

    @extend_schema(responses=ManagedOfferSerializer(many=True))
    def get(self, request):
        """The offers of the recruiter's employer, every state."""
        paginator = Pagination()
        page = paginator.paginate_queryset(self._offers(request).order_by("-updated_at"), request, view=self)
        return paginator.get_paginated_response(
            ManagedOfferSerializer(page, many=True, context={"request": request}).data
        )

    @extend_schema(request=None, responses={201: ManagedOfferSerializer})
    def post(self, request):
        """Create a draft, with the fields of the offer form (commune and occupation as typed)."""
        offer = Offer(employer=request.employer, created_by=request.user)
        form = OfferForm(_form_data(request, offer), instance=offer)
        if not form.is_valid():
            raise form_errors(form)
        offer = services.save_offer(form)
        return Response(
            ManagedOfferSerializer(offer, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class EmployerOfferDetail(APIView):
    permission_classes = [IsRecruiter]

    @extend_schema(responses=ManagedOfferSerializer)
    def get(self, request, pk):
        return Response(ManagedOfferSerializer(managed_offer_or_404(request, pk), context={"request": request}).data)

    @extend_schema(request=None, responses=ManagedOfferSerializer)
    def patch(self, request, pk):
        """Change some fields (the others keep their values), with the form's checks."""
        offer = managed_offer_or_404(request, pk)
        if not services.is_editable(offer):
            raise PermissionDenied("Cette offre ne peut plus être modifiée.")
        form = OfferForm(_form_data(request, offer), instance=offer)
        if not form.is_valid():
            raise form_errors(form)
        return Response(ManagedOfferSerializer(services.save_offer(form), context={"request": request}).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk):
        offer = managed_offer_or_404(request, pk)
        if offer.status != OfferStatus.DRAFT:
            raise PermissionDenied("Seul un brouillon peut être supprimé ; archivez les autres offres.")
        offer.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class EmployerOfferTransition(APIView):
    permission_classes = [IsRecruiter]

    @extend_schema(
        request=inline_serializer("TransitionReason", {"reason": serializers.CharField(required=False)}),
        responses=ManagedOfferSerializer,
        description="Actions : " + ", ".join(sorted(services.TRANSITIONS)) + ".",
        operation_id="employeur_offres_transition",
    )
    def post(self, request, pk, name):
        offer = managed_offer_or_404(request, pk)
        if name not in services.TRANSITIONS:
            raise Http404
        try:
            offer = services.apply_transition(offer, name, by=request.user, reason=str(request.data.get("reason", "")))
        except services.TransitionError as error:
            raise ValidationError({"detail": str(error)}) from error
        return Response(ManagedOfferSerializer(offer, context={"request": request}).data)
