import random

from platform.celery import app
from tenants.models import Territory

JITTER_SECONDS = 120


@app.task
def for_each_territory(task_name: str, *args, jitter: int = JITTER_SECONDS):
    """Send ``task_name`` once per territory, each copy running in that territory's schema
    (the schema travels in the task's headers), spread over ``jitter`` seconds so that
    hundreds of territories do not hit the database and the mail server at the same second."""
    territories = list(Territory.objects.portals())
    for territory in territories:
        with territory:
            app.send_task(task_name, args=args, countdown=random.uniform(0, jitter))
    return len(territories)
