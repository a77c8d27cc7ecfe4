import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role
from tenant_apps.statistics.charts import bar_chart
from tenant_apps.statistics.enums import Metric
from tenant_apps.statistics.forms import StatisticsFilterForm
from tenant_apps.statistics.reports import CHARTS, report

# Partners will get a version limited to their own figures; reception agents do not steer the territory.
READERS = (Role.ADVISOR, Role.TERRITORY_ADMIN)


@role_required(*READERS)
def dashboard(request):
    form = StatisticsFilterForm(request.GET)
    context = {"form": form}
    if not form.is_valid():
        return render(request, "statistics/dashboard.html", context, status=400)
    figures = report(form.cleaned_data["start"], form.cleaned_data["end"], form.cleaned_data["commune"])
    labels = dict(Metric.choices)
    context.update(
        report=figures,
        totals=[(labels[metric], value) for metric, value in figures.totals.items()],
        charts=[
            bar_chart(title, [labels[m] for m in metrics], figures.months, [figures.series[m] for m in metrics])
            for title, metrics in CHARTS
        ],
        query=request.GET.urlencode(),
    )
    return render(request, "statistics/dashboard.html", context)


@role_required(*READERS)
def export(request):
    """The dashboard's figures for the same filters, one line per month, then the period's totals."""
    form = StatisticsFilterForm(request.GET)
    if not form.is_valid():
        errors = "\n".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    start, end, commune = (form.cleaned_data[name] for name in ("start", "end", "commune"))
    figures = report(start, end, commune)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistiques-{start}-{end}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Mois"), *(label for _code, label in Metric.choices)])
    for month, values in figures.rows():
        writer.writerow([month.strftime("%Y-%m"), *values])
    writer.writerow([_("Période"), *figures.totals.values()])
    return response
