from platform.celery import app
from tenants.models import Territory


@app.task
def for_each_territory(task_name: str, *args):
    """Send ``task_name`` once per territory, each copy running in that territory's schema
    (the schema travels in the task's headers)."""
    territories = list(Territory.objects.portals())
    for territory in territories:
        with territory:
            app.send_task(task_name, args=args)
    return len(territories)
