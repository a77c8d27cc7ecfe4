"""The cross-territory admins' pages, under /supervision/ on the provider host (public schema).

Figures from the public schema's roll-up and offers from the shared index only: these pages read
no territory's schema, and show nobody (tests/oversight/test_privacy.py)."""

import csv
from itertools import chain

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from shared_apps.oversight import reports
from shared_apps.oversight.models import OversightGrant
from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role
from tenant_apps.offers.enums import ContractType, WorkingTime
from tenant_apps.statistics.charts import bar_chart
from tenant_apps.statistics.enums import Metric
from tenant_apps.statistics.forms import PeriodForm
from tenant_apps.statistics.reports import CHARTS

admins_only = role_required(Role.CROSS_TERRITORY_ADMIN)


class Echo:
    """A file-like object whose write returns the line, for csv.writer in a streamed response."""

    def write(self, value):
        return value


def _territories(request, *, with_domains=False):
    territories = OversightGrant.objects.filter(user=request.user).territories()
    return list(territories.prefetch_related("domains") if with_domains else territories)


def _form_errors(form) -> HttpResponse:
    errors = "\n".join(str(error) for errors in form.errors.values() for error in errors)
    return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")


@admins_only
def dashboard(request):
    form = PeriodForm(request.GET)
    territories = _territories(request)
    # The provider's row: its map tile server is the one the policy allows on this host.
    context = {"form": form, "territories": territories, "site": request.tenant}
    if not form.is_valid():
        return render(request, "oversight/dashboard.html", context, status=400)
    figures = reports.report(territories, form.cleaned_data["start"], form.cleaned_data["end"])
    labels = dict(Metric.choices)
    overall = figures.overall
    context.update(
        report=overall,
        by_territory=figures.territories,
        metric_labels=[labels[metric] for metric in Metric.values],
        totals=[(labels[metric], value) for metric, value in overall.totals.items()],
        charts=[
            bar_chart(title, [labels[m] for m in metrics], overall.months, [overall.series[m] for m in metrics])
            for title, metrics in CHARTS
        ],
        query=request.GET.urlencode(),
    )
    return render(request, "oversight/dashboard.html", context)


@admins_only
def export(request):
    """The figures of each territory, one line per territory and month, for the period."""
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return _form_errors(form)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    writer = csv.writer(Echo(), delimiter=";")
    header = [_("Territoire"), _("SIREN"), _("Mois"), *(label for _code, label in Metric.choices)]
    lines = (
        writer.writerow([territory.name, territory.epci_siren, month.strftime("%Y-%m"), *values])
        for territory, month, values in reports.monthly_rows(_territories(request), start, end)
    )
    response = StreamingHttpResponse(chain([writer.writerow(header)], lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="territoires-{start}-{end}.csv"'
    return response


@admins_only
def offers_export(request):
    """The published offers of the admin's territories (shared index): public facts only."""
    territories = {territory.pk: territory for territory in _territories(request, with_domains=True)}
    writer = csv.writer(Echo(), delimiter=";")
    header = [
        _("Territoire"),
        _("Intitulé"),
        _("Employeur"),
        _("Commune"),
        _("Code INSEE"),
        _("Contrat"),
        _("Temps de travail"),
        _("Publiée le"),
        _("Expire le"),
        _("Adresse"),
    ]

    contracts, working_times = dict(ContractType.choices), dict(WorkingTime.choices)

    def lines():
        yield writer.writerow(header)
        for offer in reports.published_offers(list(territories.values())).iterator(chunk_size=2000):
            territory = territories[offer.territory_id]
            portal = territory.portal_url().rstrip("/")
            yield writer.writerow(
                [
                    territory.name,
                    offer.title,
                    offer.employer_name,
                    offer.commune.name,
                    offer.commune_id,
                    contracts.get(offer.contract_type, offer.contract_type),
                    working_times.get(offer.working_time, offer.working_time),
                    offer.published_at.date().isoformat(),
                    offer.expires_at.date().isoformat() if offer.expires_at else "",
                    f"{portal}/offres/{offer.offer_id}/" if portal else "",
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="offres-publiees.csv"'
    return response


@admins_only
def offers_map(request):
    """The map's points: communes with published offers of the admin's territories, and how many."""
    points = reports.offers_by_commune(_territories(request))
    return JsonResponse(
        {
            "communes": [
                {
                    "insee": point["commune_id"],
                    "name": point["name"],
                    "latitude": point["latitude"],
                    "longitude": point["longitude"],
                    "offers": point["offers"],
                }
                for point in points
            ]
        }
    )
