import csv

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from platform.pagination import CappedPaginator
from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role
from tenant_apps.audit.enums import AuditAction
from tenant_apps.audit.forms import JournalFilterForm
from tenant_apps.audit.models import AuditEntry

ENTRIES_PER_PAGE = 50


@never_cache
@role_required(Role.TERRITORY_ADMIN)
def journal(request):
    """Who did what to whose data, newest first; the admin of this territory only."""
    form = JournalFilterForm(request.GET)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/journal.html", {"form": form}, status=400)
    entries = form.filter(AuditEntry.objects.for_list())
    page = CappedPaginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/journal.html", {"form": form, "page": page, "query": query.urlencode()})


class _Echo:
    def write(self, value):
        return value


@never_cache
@role_required(Role.TERRITORY_ADMIN)
def export(request):
    """The journal for the same filters, streamed: a year of entries need not fit in memory."""
    form = JournalFilterForm(request.GET)
    if form.is_bound and not form.is_valid():
        errors = "\n".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    entries = form.filter(AuditEntry.objects.all())
    actions = dict(AuditAction.choices)
    writer = csv.writer(_Echo(), delimiter=";")
    header = [_("Date"), _("Auteur"), _("Rôle"), _("Action"), _("Type de donnée"), _("Identifiant"), _("Donnée")]
    header += [_("Pour le compte de"), _("Adresse IP"), _("Détails")]
    columns = ["created_at", "actor_label", "actor_role", "action", "target_type", "target_id", "target_label"]
    columns += ["on_behalf_of__email", "ip", "details"]

    def rows():
        yield writer.writerow(header)
        for row in entries.values_list(*columns).iterator(chunk_size=2000):
            at, label, role, action, kind, target_id, target_label, behalf, ip, details = row
            yield writer.writerow(
                [
                    timezone.localtime(at).isoformat(timespec="seconds"),
                    label,
                    Role(role).label if role in Role.values else role,
                    actions.get(action, action),
                    kind,
                    target_id,
                    target_label,
                    behalf or "",
                    ip or "",
                    details or "",
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="journal-{timezone.localdate()}.csv"'
    return response
