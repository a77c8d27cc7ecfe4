"""Applications through the API: the candidate's, and those of a recruiter's offers."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from platform.api import form_errors
from platform.pagination import Pagination
from tenant_apps.applications import services
from tenant_apps.applications.forms import ApplyForm, TransitionForm
from tenant_apps.applications.models import Application, ApplicationNote, ApplicationTransition
from tenant_apps.applications.views import FOLLOWERS
from tenant_apps.candidates.api import IsCandidate
from tenant_apps.offers.enums import ApplicationMethod
from tenant_apps.offers.models import Offer
from tenant_apps.offers.views import managed_offer_or_404


class IsFollower(BasePermission):
    message = "Réservé aux recruteurs, conseillers et partenaires."

    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.has_role(*FOLLOWERS)


class TransitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApplicationTransition
        fields = ["from_status", "to_status", "at", "reason"]


class NoteSerializer(serializers.ModelSerializer):
    author = serializers.StringRelatedField()

    class Meta:
        model = ApplicationNote
        fields = ["author", "text", "at"]


class CandidateApplicationSerializer(serializers.ModelSerializer):
    """What the candidate sees: the state and the recruiter's messages, never internal notes."""

    offer_title = serializers.CharField(source="offer.title")
    employer = serializers.CharField(source="offer.employer.name")
    transitions = TransitionSerializer(many=True)

    class Meta:
        model = Application
        fields = ["id", "offer", "offer_title", "employer", "status", "created_at", "message", "transitions"]
        read_only_fields = fields


class FollowedApplicationSerializer(serializers.ModelSerializer):
    """What the recruiter sees (the candidate's contact details unless hidden)."""

    candidate_name = serializers.CharField(source="candidate.display_name")
    candidate_email = serializers.SerializerMethodField()
    candidate_commune = serializers.CharField(source="candidate.commune_id", allow_null=True)
    cv_url = serializers.SerializerMethodField()
    transitions = TransitionSerializer(many=True)
    notes = NoteSerializer(many=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "offer",
            "candidate_name",
            "candidate_email",
            "candidate_commune",
            "status",
            "created_at",
            "message",
            "cv_url",
            "transitions",
            "notes",
        ]
        read_only_fields = fields

    def get_candidate_email(self, application) -> str | None:
        return None if application.candidate.hide_contact else application.candidate.user.email

    def get_cv_url(self, application) -> str:
        return self.context["request"].build_absolute_uri(f"/employeur/candidatures/{application.pk}/cv.pdf")


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


class MyApplications(APIView):
    permission_classes = [IsCandidate]

    @extend_schema(responses=CandidateApplicationSerializer(many=True))
    def get(self, request):
        applications = request.candidate.applications.select_related("offer__employer").prefetch_related("transitions")
        paginator = Pagination()
        page = paginator.paginate_queryset(applications.order_by("-updated_at"), request, view=self)
        return paginator.get_paginated_response(CandidateApplicationSerializer(page, many=True).data)


class Apply(APIView):
    permission_classes = [IsCandidate]

    @extend_schema(
        request=None, responses={201: CandidateApplicationSerializer}, description="Fields: message, cv_kind."
    )
    def post(self, request, pk):
        """Apply to a published offer of the portal with the profile, a CV and a message."""
        offer = get_object_or_404(Offer.objects.published().with_relations(), pk=pk)
        if offer.application_method != ApplicationMethod.PLATFORM:
            raise PermissionDenied("Pour cette offre, postulez auprès de l'employeur par le lien indiqué.")
        form = ApplyForm(request.data, candidate=request.candidate)
        if not form.is_valid():
            raise form_errors(form)
        try:
            application = services.apply(
                candidate=request.candidate,
                offer=offer,
                message=form.cleaned_data["message"],
                cv_kind=form.cleaned_data["cv_kind"],
                base_url=_base_url(request),
            )
        except services.ApplicationError as error:
            raise PermissionDenied(str(error)) from None
        return Response(CandidateApplicationSerializer(application).data, status=status.HTTP_201_CREATED)


class Withdraw(APIView):
    permission_classes = [IsCandidate]

    @extend_schema(request=None, responses=CandidateApplicationSerializer)
    def post(self, request, pk):
        application = get_object_or_404(Application, pk=pk, candidate=request.candidate)
        try:
            application = services.apply_transition(application, "withdraw", by=request.user)
        except services.ApplicationError as error:
            raise PermissionDenied(str(error)) from None
        return Response(CandidateApplicationSerializer(application).data)


def _followed(request, pk) -> Application:
    application = services.followed_application(request.user, pk)
    if application is None:
        raise Http404
    return application


def _with_history(application) -> Application:
    return (
        Application.objects.select_related("candidate__user")
        .prefetch_related("transitions", "notes__author")
        .get(pk=application.pk)
    )


class OfferApplications(APIView):
    permission_classes = [IsFollower]

    @extend_schema(responses=FollowedApplicationSerializer(many=True))
    def get(self, request, pk):
        """The applications to an offer the user manages."""
        offer = managed_offer_or_404(request, pk)
        applications = offer.applications.select_related("candidate__user").prefetch_related(
            "transitions", "notes__author"
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(applications.order_by("-created_at"), request, view=self)
        context = {"request": request}
        return paginator.get_paginated_response(FollowedApplicationSerializer(page, many=True, context=context).data)


class FollowedApplication(APIView):
    permission_classes = [IsFollower]

    @extend_schema(responses=FollowedApplicationSerializer)
    def get(self, request, pk):
        """One application; reading it tells the candidate it was seen."""
        application = _followed(request, pk)
        services.mark_seen(application, request.user)
        return Response(FollowedApplicationSerializer(_with_history(application), context={"request": request}).data)


class ApplicationTransitionView(APIView):
    permission_classes = [IsFollower]

    @extend_schema(
        request=None,
        responses=FollowedApplicationSerializer,
        description="`shortlist`, `interview`, `hire` (with `hired_on`), `reject`; optional `reason` "
        "e-mailed to the candidate.",
    )
    def post(self, request, pk, name):
        application = _followed(request, pk)
        if name not in services.TRANSITIONS:
            raise Http404
        form = TransitionForm(request.data)
        if not form.is_valid():
            raise form_errors(form)
        try:
            services.apply_transition(
                application,
                name,
                by=request.user,
                reason=form.cleaned_data["reason"],
                hired_on=form.cleaned_data["hired_on"],
                base_url=_base_url(request),
            )
        except services.ApplicationError as error:
            raise PermissionDenied(str(error)) from None
        return Response(FollowedApplicationSerializer(_with_history(application), context={"request": request}).data)
