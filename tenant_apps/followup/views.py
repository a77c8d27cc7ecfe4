from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform.exports import csv_response
from tenant_apps.accounts.decorators import role_required
from tenant_apps.candidates.models import Candidate
from tenant_apps.followup import services
from tenant_apps.followup.enums import ApplicationOrigin, FollowUpStatus
from tenant_apps.followup.forms import (
    ApplicationFilterForm,
    EmployerContactForm,
    EmployerFilterForm,
    FollowUpForm,
    InteractionForm,
    OfferFilterForm,
    PortfolioForm,
)
from tenant_apps.followup.models import FollowUp, HireCheck
from tenant_apps.offers.models import Offer
from tenant_apps.offers.services import can_manage

PER_PAGE = 50


def _query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _portfolio(request):
    form = PortfolioForm(request.GET)
    candidates = services.portfolio().none()
    if form.is_valid():
        candidates = form.filter(services.portfolio(), request.user)
    return form, candidates.order_by("user__last_name", "user__first_name", "pk")


@role_required(*services.FOLLOWERS)
def portfolio(request):
    form, candidates = _portfolio(request)
    page = Paginator(candidates.prefetch_related("occupations"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "followup/portfolio.html", {"form": form, "page": page, "query": _query(request)})


def _day(moment) -> str:
    """A moment as its day in the portal's time zone, for a spreadsheet."""
    return localdate(moment).isoformat() if moment else ""


@role_required(*services.FOLLOWERS)
def portfolio_export(request):
    _form, candidates = _portfolio(request)
    rows = (
        [
            candidate.user.last_name,
            candidate.user.first_name,
            candidate.user.email,
            candidate.phone,
            candidate.commune.name if candidate.commune else "",
            ", ".join(occupation.label for occupation in candidate.occupations.all()),
            FollowUpStatus(candidate.situation).label,
            str(candidate.followup.advisor or "") if hasattr(candidate, "followup") else "",
            _day(candidate.last_contact_at),
        ]
        for candidate in candidates.prefetch_related("occupations").iterator(chunk_size=500)
    )
    header = [
        _("Nom"),
        _("Prénom"),
        _("E-mail"),
        _("Téléphone"),
        _("Commune"),
        _("Métiers recherchés"),
        _("Situation"),
        _("Conseiller"),
        _("Dernier contact"),
    ]
    return csv_response("candidats.csv", header, rows)


def _candidate_or_404(pk):
    return get_object_or_404(services.portfolio().prefetch_related("occupations"), pk=pk)


def _render_file(request, candidate, interaction_form, status=200):
    followup = getattr(candidate, "followup", None) or FollowUp(candidate=candidate)
    followup_form = FollowUpForm(
        initial={"advisor": followup.advisor_id, "status": followup.status, "tags": ", ".join(followup.tags)}
    )
    context = {
        "candidate": candidate,
        "followup": followup,
        "followup_form": followup_form,
        "interaction_form": interaction_form,
        "timeline": services.timeline(candidate),
    }
    return render(request, "followup/candidate.html", context, status=status)


@role_required(*services.FOLLOWERS)
def candidate_file(request, pk):
    return _render_file(request, _candidate_or_404(pk), InteractionForm())


@require_POST
@role_required(*services.FOLLOWERS)
def update_followup(request, pk):
    candidate = get_object_or_404(Candidate, pk=pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.update_followup(candidate, advisor=data["advisor"], status=data["status"], tags=data["tags"])
        messages.success(request, _("Le suivi est enregistré."))
    else:
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect("followup:candidate", pk=candidate.pk)


@require_POST
@role_required(*services.FOLLOWERS)
def add_interaction(request, pk):
    candidate = _candidate_or_404(pk)
    form = InteractionForm(request.POST)
    if form.is_valid():
        services.record_interaction(candidate, by=request.user, **form.cleaned_data)
        messages.success(request, _("L'échange est ajouté au dossier."))
        return redirect("followup:candidate", pk=candidate.pk)
    return _render_file(request, candidate, form, status=400)


def _filtered(request, form_class, rows):
    """The list and its export read the same filters: an invalid one shows nothing rather
    than everything (a typo must not export the whole territory)."""
    form = form_class(request.GET)
    return form, (form.filter(rows) if form.is_valid() else rows.none())


def _list_page(request, template, form, rows, each=None):
    """A page of ``rows``; ``each(row)`` adds what the template shows of a row beyond its fields."""
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    for row in page if each else ():
        each(row)
    return render(request, template, {"form": form, "page": page, "query": _query(request)})


def _employers(request):
    form, employers = _filtered(request, EmployerFilterForm, services.employers_overview())
    return form, employers.order_by("name", "pk")


@role_required(*services.FOLLOWERS)
def employers(request):
    return _list_page(request, "followup/employers.html", *_employers(request))


@role_required(*services.FOLLOWERS)
def employers_export(request):
    _form, employers = _employers(request)
    rows = (
        [
            employer.name,
            employer.siret,
            employer.get_sector_display(),
            employer.commune.name,
            _day(employer.last_contact_at),
            employer.open_needs,
        ]
        for employer in employers.iterator(chunk_size=500)
    )
    header = [_("Employeur"), _("SIRET"), _("Secteur"), _("Commune"), _("Dernier contact"), _("Besoins ouverts")]
    return csv_response("employeurs.csv", header, rows)


@role_required(*services.FOLLOWERS)
def employer_file(request, pk):
    employer = get_object_or_404(services.employers_overview(), pk=pk)
    form = EmployerContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_employer_contact(employer, by=request.user, **form.cleaned_data)
        messages.success(request, _("Le contact est ajouté au dossier."))
        return redirect("followup:employer", pk=employer.pk)
    context = {
        "employer": employer,
        "form": form,
        "contacts": employer.contacts.select_related("author"),
        "needs": Offer.objects.filter(employer=employer, status__in=services.OPEN_NEED_STATUSES).order_by(
            "-created_at"
        ),
    }
    return render(request, "followup/employer.html", context, status=400 if form.errors else 200)


def _offers(request):
    form, offers = _filtered(request, OfferFilterForm, services.offers_overview())
    return form, offers.order_by(F("published_at").desc(nulls_last=True), "-created_at", "pk")


@role_required(*services.FOLLOWERS)
def offers(request):
    def manageable(offer):  # advisors open the offer's management page, others its public page
        offer.manageable = can_manage(request.user, offer)

    return _list_page(request, "followup/offers.html", *_offers(request), each=manageable)


@role_required(*services.FOLLOWERS)
def offers_export(request):
    _form, offers = _offers(request)
    rows = (
        [
            offer.title,
            offer.employer.name,
            offer.commune.name,
            offer.get_contract_type_display(),
            offer.get_source_display(),
            offer.get_status_display(),
            _day(offer.published_at),
            offer.applications_count,
            offer.hires_count,
        ]
        for offer in offers.iterator(chunk_size=500)
    )
    header = [
        _("Offre"),
        _("Employeur"),
        _("Commune"),
        _("Type de contrat"),
        _("Origine"),
        _("État"),
        _("Publiée le"),
        _("Candidatures"),
        _("Recrutements"),
    ]
    return csv_response("offres.csv", header, rows)


def _applications(request):
    form, applications = _filtered(request, ApplicationFilterForm, services.applications_overview())
    return form, applications.order_by("-created_at", "-pk")


def _origin_label(application) -> str:
    # The origin is an annotation: there is no get_origin_display().
    return ApplicationOrigin(application.origin).label


@role_required(*services.FOLLOWERS)
def applications(request):
    def labelled(application):
        application.origin_label = _origin_label(application)

    return _list_page(request, "followup/applications.html", *_applications(request), each=labelled)


@role_required(*services.FOLLOWERS)
def applications_export(request):
    _form, applications = _applications(request)
    erased = _("Candidat supprimé")
    rows = (
        [
            application.candidate.user.last_name if application.candidate else erased,
            application.candidate.user.first_name if application.candidate else "",
            application.offer.title,
            application.offer.employer.name,
            _origin_label(application),
            application.get_status_display(),
            _day(application.created_at),
            _day(application.updated_at),
        ]
        for application in applications.iterator(chunk_size=500)
    )
    header = [
        _("Nom"),
        _("Prénom"),
        _("Offre"),
        _("Employeur"),
        _("Origine"),
        _("État"),
        _("Envoyée le"),
        _("Modifiée le"),
    ]
    return csv_response("candidatures.csv", header, rows)


@role_required(*services.FOLLOWERS)
def hire_checks(request):
    return render(request, "followup/hire_checks.html", {"checks": services.due_checks()})


@require_POST
@role_required(*services.FOLLOWERS)
def answer_hire_check(request, pk):
    check = get_object_or_404(HireCheck.objects.select_related("hire__application"), pk=pk)
    if check.hire.application is None or request.POST.get("still_employed") not in ("1", "0"):
        messages.error(request, _("Réponse impossible pour ce recrutement."))
    else:
        services.answer_check(check, still_employed=request.POST["still_employed"] == "1", by=request.user)
        messages.success(request, _("Le suivi du recrutement est enregistré."))
    return redirect("followup:hire_checks")
