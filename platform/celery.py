"""The Celery app.

tenant-schemas-celery's ``CeleryApp`` records the current schema in each task's
headers when it is sent, and the worker runs the task in that schema. Send tasks
with ``transaction.on_commit`` from inside the territory's context.
"""

import os
from pathlib import Path

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform.settings")

app = CeleryApp("emploi_local")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def create_broker_folders(sender, **kwargs):
    """The file-system transport (no REDIS_URL) expects its folders to exist."""
    for key in ("data_folder_in", "data_folder_out", "control_folder"):
        folder = sender.conf.broker_transport_options.get(key)
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
