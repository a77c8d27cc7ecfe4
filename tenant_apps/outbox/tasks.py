from smtplib import SMTPException

from platform.celery import app
from tenant_apps.outbox import services


@app.task(autoretry_for=(SMTPException, OSError), retry_backoff=5, retry_backoff_max=600, max_retries=6)
def send_message(message_id: int):
    """Send one message of the outbox of the territory the task was sent from."""
    return services.deliver(message_id)


@app.task
def relay_outbox():
    """Every minute, in each territory (and the provider's schema): the messages left behind."""
    return services.relay()
