import datetime
import uuid

from django.contrib import messages
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenant_apps.accounts.decorators import role_required
from tenant_apps.accounts.enums import Role
from tenant_apps.imports import services
from tenant_apps.imports.forms import UploadForm

IMPORTERS = (Role.ADVISOR, Role.TERRITORY_ADMIN)
PENDING_FILE_SALT = "imports.pending"
PENDING_FILE_MAX_AGE = 3600  # a checked file waits an hour for its confirmation


def _pending_folder() -> str:
    return f"imports/{connection.schema_name}/"


def _delete_stale_files() -> None:
    """Checked files nobody confirmed: gone once their confirmation has expired."""
    folder = _pending_folder()
    if not default_storage.exists(folder):
        return
    expired = timezone.now() - datetime.timedelta(seconds=PENDING_FILE_MAX_AGE)
    for name in default_storage.listdir(folder)[1]:
        if default_storage.get_modified_time(folder + name) < expired:
            default_storage.delete(folder + name)


@role_required(*IMPORTERS)
def upload(request):
    """First the dry run: every rejected line and why. The file then waits, unread by
    anyone else, for the person to confirm the import of the valid lines."""
    form = UploadForm(request.POST or None, request.FILES or None)
    report = token = None
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        kind = form.cleaned_data["kind"]
        try:
            report = services.import_file(content, kind, dry_run=True)
        except services.MalformedFile as error:
            form.add_error("file", str(error))
        else:
            if report.valid:
                name = default_storage.save(
                    f"imports/{connection.schema_name}/{uuid.uuid4()}.csv", ContentFile(content)
                )
                token = signing.dumps({"name": name, "kind": kind, "user": request.user.pk}, salt=PENDING_FILE_SALT)
    status = 400 if form.errors else 200
    return render(request, "imports/upload.html", {"form": form, "report": report, "token": token}, status=status)


@require_POST
@role_required(*IMPORTERS)
def confirm(request):
    try:
        pending = signing.loads(request.POST.get("token", ""), salt=PENDING_FILE_SALT, max_age=PENDING_FILE_MAX_AGE)
    except signing.BadSignature:
        messages.error(request, _("Ce fichier n'est plus disponible : déposez-le à nouveau."))
        return redirect("imports:upload")
    name = pending["name"]
    if (
        pending["user"] != request.user.pk
        or not name.startswith(_pending_folder())
        or not default_storage.exists(name)  # imported already, or cleaned up
    ):
        messages.error(request, _("Ce fichier n'est plus disponible : déposez-le à nouveau."))
        return redirect("imports:upload")
    with default_storage.open(name, "rb") as stored:
        content = stored.read()
    report = services.import_file(content, pending["kind"], dry_run=False)
    default_storage.delete(name)
    return render(request, "imports/done.html", {"report": report})
