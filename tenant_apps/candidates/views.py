from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from platform.ratelimit import rate_limited
from tenant_apps.alerts.services import token as alert_token
from tenant_apps.candidates import privacy, services
from tenant_apps.candidates.decorators import candidate_required
from tenant_apps.candidates.enums import ProfileStep
from tenant_apps.candidates.forms import STEP_FORMS, CandidateSignupForm, ErasureForm
from tenant_apps.candidates.models import Candidate

STEPS = list(ProfileStep)


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@rate_limited("signup")
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:landing")
    form = CandidateSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.register_candidate(
            email=data["email"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            phone=data["phone"],
            base_url=_base_url(request),
        )
        return render(request, "candidates/signup_sent.html", {"email": data["email"]})
    return render(request, "candidates/signup.html", {"form": form})


def _profile(candidate: Candidate) -> Candidate:
    """With the lists the profile pages and the CV show."""
    prefetch_related_objects([candidate], "occupations", "experiences", "trainings")
    return candidate


@candidate_required
def dashboard(request):
    candidate = _profile(request.candidate)
    steps = [(step, services.step_is_done(candidate, step)) for step in STEPS]
    context = {
        "candidate": candidate,
        "steps": steps,
        "next_step": next((step for step, done in steps if not done), None),
        "views": candidate.views.select_related("viewer", "viewer__membership__employer")[:20],
        "applications_count": candidate.applications.count(),
        "pending_invitations": candidate.invitations.pending().count(),
        "alerts": [(alert, alert_token(alert)) for alert in request.user.alerts.active().select_related("commune")],
        # Assisted mode: what agents did for the person (a profile they built alone has none).
        "on_behalf_actions": candidate.on_behalf_actions.select_related("agent")[:20]
        if candidate.created_by_id
        else [],
    }
    return render(request, "candidates/dashboard.html", context)


def _step_form(step, candidate, data=None, files=None):
    form_class = STEP_FORMS[step]
    return form_class(data, files, instance=candidate)


@candidate_required
def profile_step(request, step):
    try:
        step = ProfileStep(step)
    except ValueError:
        raise Http404 from None
    candidate = request.candidate
    # An all-unchecked step posts nothing, and is still a submission.
    posted = request.method == "POST"
    form = _step_form(step, candidate, request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            services.save_step(candidate, step, form)
        except ValidationError as error:  # the uploaded CV, checked by content
            form.add_error("cv", error)
        else:
            messages.success(request, _("« %(step)s » enregistré.") % {"step": step.label})
            position = STEPS.index(step)
            if "continue" in request.POST and position + 1 < len(STEPS):
                return redirect("candidates:profile_step", step=STEPS[position + 1].value)
            return redirect("candidates:dashboard")
    context = {
        "candidate": candidate,
        "step": step,
        "form": form,
        "position": STEPS.index(step) + 1,
        "count": len(STEPS),
        "is_last": step == STEPS[-1],
        "is_formset": hasattr(form, "management_form"),
    }
    return render(request, "candidates/profile_step.html", context)


@never_cache
@candidate_required
def my_cv(request):
    """The candidate's own CV: the uploaded file, or the one generated from the profile."""
    candidate = request.candidate
    if candidate.cv_file:
        return FileResponse(candidate.cv_file.open("rb"), content_type="application/pdf", filename="cv.pdf")
    return _pdf_response(services.generated_cv(_profile(candidate)), "cv.pdf")


@never_cache
@candidate_required
def generated_cv(request):
    return _pdf_response(services.generated_cv(_profile(request.candidate)), "cv.pdf")


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@candidate_required
def my_data(request):
    """The candidate's rights in one place: a copy of the data, consent, erasure."""
    form = ErasureForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        privacy.erase(request.candidate)
        logout(request)
        messages.success(request, _("Votre compte et vos données personnelles ont été supprimés."))
        return redirect("home")
    return render(request, "candidates/my_data.html", {"candidate": request.candidate, "form": form})


@never_cache
@candidate_required
def export(request):
    response = HttpResponse(privacy.export(request.candidate), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="mes-donnees.zip"'
    return response
