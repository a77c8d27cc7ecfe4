from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform.exports import csv_response
from tenant_apps.accounts.decorators import role_required
from tenant_apps.applications.models import Hire
from tenant_apps.candidates.decorators import candidate_required
from tenant_apps.candidates.models import Candidate
from tenant_apps.forums import services
from tenant_apps.forums.forms import (
    CandidateLookupForm,
    CreditHireForm,
    ForumForm,
    ParticipantForm,
    ParticipantOffersForm,
    RegistrationForm,
)
from tenant_apps.forums.models import Forum, Participant, Registration
from tenant_apps.offers.models import Offer

LOOKUP_RESULTS = 20


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _participants(forum):
    published = Offer.objects.published().select_related("commune").order_by("title")
    return forum.participants.select_related("employer").prefetch_related(Prefetch("offers", queryset=published))


# Public pages and the candidate's registration


def forum_list(request):
    return render(request, "forums/list.html", {"forums": Forum.objects.upcoming().select_related("commune")})


def detail(request, pk):
    forum = get_object_or_404(Forum.objects.select_related("commune"), pk=pk)
    registration = None
    user = request.user
    if user.is_authenticated and user.role == "candidate":
        registration = Registration.objects.filter(forum=forum, candidate__user=user).first()
    context = {
        "forum": forum,
        "participants": _participants(forum),
        "registration": registration,
        "form": RegistrationForm(forum=forum) if forum.accepts_registrations and not registration else None,
    }
    return render(request, "forums/detail.html", context)


@require_POST
@candidate_required
def register(request, pk):
    forum = get_object_or_404(Forum, pk=pk)
    form = RegistrationForm(request.POST, forum=forum)
    if form.is_valid():
        try:
            services.register(
                forum, request.candidate, employers=form.cleaned_data["employers"], base_url=_base_url(request)
            )
        except services.ForumError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Vous êtes inscrit(e). Une confirmation vous a été envoyée par e-mail."))
    else:
        messages.error(request, _("Votre choix d'employeurs n'est pas valable : réessayez."))
    return redirect("forums:detail", pk=forum.pk)


@require_POST
@candidate_required
def cancel(request, pk):
    registration = get_object_or_404(Registration, forum_id=pk, candidate=request.candidate)
    try:
        services.cancel_registration(registration)
    except services.ForumError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Votre inscription est annulée."))
    return redirect("forums:detail", pk=pk)


# The organisers' pages


@role_required(*services.DESK)
def manage(request):
    forums = Forum.objects.with_counts().select_related("commune")
    return render(request, "forums/manage.html", {"forums": forums})


@role_required(*services.ORGANISERS)
def edit(request, pk=None):
    forum = get_object_or_404(Forum, pk=pk) if pk else None
    form = ForumForm(request.POST or None, instance=forum)
    if request.method == "POST" and form.is_valid():
        forum = form.save(commit=False)
        if forum.created_by_id is None:
            forum.created_by = request.user
        forum.save()
        messages.success(request, _("Le forum est enregistré."))
        return redirect("forums:staff_detail", pk=forum.pk)
    return render(request, "forums/edit.html", {"form": form, "forum": forum})


@role_required(*services.DESK)
def staff_detail(request, pk):
    forum = get_object_or_404(Forum.objects.with_counts().select_related("commune"), pk=pk)
    participants = _participants(forum).annotate(registration_count=Count("registrations", distinct=True))
    is_organiser = request.user.has_role(*services.ORGANISERS)
    context = {
        "forum": forum,
        "participants": participants,
        "is_organiser": is_organiser,
        "participant_form": ParticipantForm() if is_organiser else None,
        "hires": forum.hires.select_related("registration__candidate__user", "participant__employer"),
        "suggestions": services.hire_suggestions(forum) if is_organiser and forum.is_over else [],
        "credit_form": CreditHireForm(forum=forum) if is_organiser and forum.is_over else None,
    }
    return render(request, "forums/staff_detail.html", context)


@require_POST
@role_required(*services.ORGANISERS)
def add_participant(request, pk):
    forum = get_object_or_404(Forum, pk=pk)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        participant = services.add_participant(forum, form.cleaned_data["employer"], stand=form.cleaned_data["stand"])
        messages.success(request, _("%(employer)s participe au forum.") % {"employer": participant.employer.name})
        return redirect("forums:participant", pk=forum.pk, participant_pk=participant.pk)
    return render(request, "forums/participant_form.html", {"forum": forum, "form": form}, status=400)


@role_required(*services.ORGANISERS)
def participant(request, pk, participant_pk):
    """The offers an employer brings to the forum."""
    participant = get_object_or_404(
        Participant.objects.select_related("forum", "employer"), forum_id=pk, pk=participant_pk
    )
    form = ParticipantOffersForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        participant.offers.set(form.cleaned_data["offers"])
        messages.success(request, _("Les offres présentées sont enregistrées."))
        return redirect("forums:staff_detail", pk=pk)
    return render(
        request, "forums/participant.html", {"forum": participant.forum, "participant": participant, "form": form}
    )


@require_POST
@role_required(*services.ORGANISERS)
def remove_participant(request, pk, participant_pk):
    participant = get_object_or_404(Participant, forum_id=pk, pk=participant_pk)
    participant.delete()
    messages.success(request, _("%(employer)s ne participe plus au forum.") % {"employer": participant.employer.name})
    return redirect("forums:staff_detail", pk=pk)


@role_required(*services.DESK)
def register_candidate(request, pk):
    """An agent registers someone: look them up by name or e-mail, then one button each."""
    forum = get_object_or_404(Forum, pk=pk)
    if request.method == "POST":
        candidate = get_object_or_404(Candidate, pk=request.POST.get("candidate"))
        try:
            services.register(forum, candidate, by=request.user, base_url=_base_url(request))
        except services.ForumError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(name)s est inscrit(e).") % {"name": candidate})
        return redirect("forums:register_candidate", pk=forum.pk)
    form = CandidateLookupForm(request.GET or None)
    found = []
    if form.is_valid():
        q = form.cleaned_data["q"]
        registered = Registration.objects.filter(forum=forum).values("candidate_id")
        found = (
            Candidate.objects.filter(
                Q(user__last_name__unaccent__icontains=q)
                | Q(user__first_name__unaccent__icontains=q)
                | Q(user__email__icontains=q)
            )
            .exclude(pk__in=registered)
            .select_related("user", "commune")
            .order_by("user__last_name", "user__first_name")[:LOOKUP_RESULTS]
        )
    return render(request, "forums/register_candidate.html", {"forum": forum, "form": form, "found": found})


@role_required(*services.DESK)
def check_in_list(request, pk):
    """The list at the door, on a phone: search a name, one button per person."""
    forum = get_object_or_404(Forum.objects.with_counts(), pk=pk)
    registrations = Registration.objects.filter(forum=forum).select_related("candidate__user")
    q = request.GET.get("q", "").strip()[:100]
    if q:
        registrations = registrations.filter(
            Q(candidate__user__last_name__unaccent__icontains=q) | Q(candidate__user__first_name__unaccent__icontains=q)
        )
    context = {"forum": forum, "registrations": registrations, "q": q}
    return render(request, "forums/check_in.html", context)


@require_POST
@role_required(*services.DESK)
def check_in(request, pk, registration_pk):
    registration = get_object_or_404(
        Registration.objects.select_related("candidate__user"), forum_id=pk, pk=registration_pk
    )
    if request.POST.get("present") == "0":
        services.undo_check_in(registration)
        messages.success(request, _("Présence de %(name)s annulée.") % {"name": registration.candidate})
    else:
        services.check_in(registration, request.user)
        messages.success(request, _("%(name)s est noté(e) présent(e).") % {"name": registration.candidate})
    # Back to the same filtered list, at the same person.
    query = request.POST.get("q", "").strip()[:100]
    url = reverse("forums:check_in_list", args=[pk]) + (f"?{urlencode({'q': query})}" if query else "")
    return redirect(f"{url}#inscription-{registration.pk}")


@role_required(*services.ORGANISERS)
def export(request, pk):
    """Registrations as CSV: all, or those who want to meet one employer (?employeur=<id>)."""
    forum = get_object_or_404(Forum, pk=pk)
    participant = None
    if request.GET.get("employeur"):
        try:
            participant = forum.participants.select_related("employer").get(pk=int(request.GET["employeur"]))
        except (ValueError, Participant.DoesNotExist):
            raise Http404 from None
    registrations = services.registrations_for_export(forum, participant)
    name = slugify(f"{forum.title} {participant.employer.name if participant else ''}")
    return csv_response(f"{name}.csv", services.export_header(), services.export_rows(registrations))


@require_POST
@role_required(*services.ORGANISERS)
def credit_hire(request, pk):
    forum = get_object_or_404(Forum, pk=pk)
    try:
        if request.POST.get("hire"):
            hire = get_object_or_404(Hire.objects.select_related("application", "offer"), pk=request.POST["hire"])
            services.credit_suggested_hire(forum, hire, request.user)
        else:
            form = CreditHireForm(request.POST, forum=forum)
            if not form.is_valid():
                context = {"forum": forum, "form": form}
                return render(request, "forums/credit_form.html", context, status=400)
            data = form.cleaned_data
            services.credit_hire(
                forum, data["registration"], data["participant"], hired_on=data["hired_on"], by=request.user
            )
    except services.ForumError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Le recrutement est attribué au forum."))
    return redirect("forums:staff_detail", pk=forum.pk)
