"""The candidate's own profile through the API, validated by the profile's step forms."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from platform.api import form_data, form_errors
from tenant_apps.accounts.enums import Role
from tenant_apps.candidates import services
from tenant_apps.candidates.enums import ProfileStep
from tenant_apps.candidates.forms import STEP_FORMS, ExperienceForm, TrainingForm
from tenant_apps.candidates.models import Candidate, Experience, Training


class IsCandidate(BasePermission):
    message = "Réservé aux candidats."

    def has_permission(self, request, view):
        user = request.user
        if not (user.is_authenticated and user.has_role(Role.CANDIDATE)):
            return False
        request.candidate, _ = Candidate.objects.select_related("commune", "user").get_or_create(user=user)
        return True


class ExperienceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Experience
        fields = ["id", "title", "organisation", "place", "start_year", "end_year", "description"]


class TrainingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Training
        fields = ["id", "title", "organisation", "year", "description"]


class CandidateSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    first_name = serializers.CharField(source="user.first_name", read_only=True)
    last_name = serializers.CharField(source="user.last_name", read_only=True)
    commune = serializers.CharField(source="commune_id", read_only=True)
    occupations = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    experiences = ExperienceSerializer(many=True, read_only=True)
    trainings = TrainingSerializer(many=True, read_only=True)
    has_uploaded_cv = serializers.SerializerMethodField()

    class Meta:
        model = Candidate
        fields = [
            "email",
            "first_name",
            "last_name",
            "phone",
            "commune",
            "driving_licence",
            "has_vehicle",
            "max_travel_km",
            "public_transport_only",
            "occupations",
            "contract_types",
            "working_time",
            "available_from",
            "presentation",
            "skills",
            "languages",
            "experiences",
            "trainings",
            "has_uploaded_cv",
            "cvtheque_visible",
            "cvtheque_consent_at",
            "hide_contact",
            "support_organisation",
        ]
        read_only_fields = fields

    def get_has_uploaded_cv(self, candidate) -> bool:
        return bool(candidate.cv_file)


def _profile(candidate):
    return Candidate.objects.prefetch_related("occupations", "experiences", "trainings").get(pk=candidate.pk)


class Profile(APIView):
    permission_classes = [IsCandidate]

    @extend_schema(responses=CandidateSerializer)
    def get(self, request):
        """The candidate's profile."""
        return Response(CandidateSerializer(_profile(request.candidate)).data)


# The steps whose form is a plain form (lists have their own endpoints).
API_STEPS = [ProfileStep.HOME, ProfileStep.WISHES, ProfileStep.SKILLS, ProfileStep.PRESENTATION, ProfileStep.CV]


class ProfileStepUpdate(APIView):
    permission_classes = [IsCandidate]

    @extend_schema(request=None, responses=CandidateSerializer)
    def patch(self, request, step):
        """Change one step of the profile (`domicile`, `recherche`, `competences`, `presentation`, `cv`)
        with the fields of that step's form; a field left out keeps its value. `cv` also takes
        a PDF file (multipart) and `remove_cv`."""
        try:
            step = ProfileStep(step)
        except ValueError:
            raise Http404 from None
        if step not in API_STEPS:
            raise Http404
        candidate = request.candidate
        form_class = STEP_FORMS[step]
        form = form_class(form_data(request, form_class(instance=candidate)), request.FILES, instance=candidate)
        if not form.is_valid():
            raise form_errors(form)
        try:
            services.save_step(candidate, step, form)
        except DjangoValidationError as error:
            form.add_error("cv", error)
            raise form_errors(form) from None
        return Response(CandidateSerializer(_profile(candidate)).data)


class _NewEntry(APIView):
    """Add an experience or a training, checked by the profile page's form."""

    permission_classes = [IsCandidate]
    form_class = None
    serializer_class = None

    def post(self, request):
        candidate = request.candidate
        model = self.form_class._meta.model
        form = self.form_class(form_data(request, self.form_class()), instance=model(candidate=candidate))
        if not form.is_valid():
            raise form_errors(form)
        entry = form.save()
        services.refresh_profile_text(candidate)
        return Response(self.serializer_class(entry).data, status=status.HTTP_201_CREATED)


class _Entry(APIView):
    """Remove one of the candidate's experiences or trainings."""

    permission_classes = [IsCandidate]
    related_name = ""

    @extend_schema(responses={204: None})
    def delete(self, request, pk):
        deleted, _ = getattr(request.candidate, self.related_name).filter(pk=pk).delete()
        if not deleted:
            raise Http404
        services.refresh_profile_text(request.candidate)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(request=ExperienceSerializer, responses={201: ExperienceSerializer})
class NewExperience(_NewEntry):
    form_class = ExperienceForm
    serializer_class = ExperienceSerializer


class ExperienceEntry(_Entry):
    related_name = "experiences"


@extend_schema(request=TrainingSerializer, responses={201: TrainingSerializer})
class NewTraining(_NewEntry):
    form_class = TrainingForm
    serializer_class = TrainingSerializer


class TrainingEntry(_Entry):
    related_name = "trainings"
