"""The outbox: e-mails are rows first, sent by a worker once the transaction commits.

``queue_mail`` writes the message in the caller's transaction and, on commit, hands
its id to a Celery task. If the broker is unreachable then, the request still
succeeds: the message waits in the table, and the relay job (every minute, in
every territory) sends what is still pending. Sending locks the row and skips
rows locked by someone else, so two workers never send the same message; the
mail server may still receive a message twice if a worker dies between sending
and committing, the one case where delivery is at least once.
"""

import datetime
import logging
from functools import partial

from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tenants.utils import schema_context

from tenant_apps.outbox.enums import MessageStatus
from tenant_apps.outbox.models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RELAY_DELAY = datetime.timedelta(seconds=30)  # a message still pending this long after it was written lost its task


def render_mail(template: str, context: dict) -> tuple[str, str]:
    """Subject and text of a template whose first line is the subject."""
    subject, _separator, body = render_to_string(template, context).partition("\n")
    return subject.strip(), body.strip() + "\n"


def queue_mail(
    template: str,
    recipients: list[str],
    context: dict,
    *,
    html_template: str = "",
    headers: dict | None = None,
) -> OutboxMessage:
    """Write an e-mail (text, and HTML when ``html_template`` is given) to send once the transaction commits."""
    subject, body = render_mail(template, context)
    html_body = render_to_string(html_template, context) if html_template else ""
    message = OutboxMessage.objects.create(
        to=list(recipients), subject=subject, body=body, html_body=html_body, headers=headers or {}
    )
    _enqueue_on_commit(message)
    return message


def queue_mails(template: str, mails: list[tuple[list[str], dict, dict]], *, html_template: str = "") -> int:
    """``queue_mail`` for many e-mails of one template, each (recipients, context, headers),
    written in one INSERT: a run of the alerts writes tens of thousands of digests, and a
    row at a time cost a third of the time it spent on each."""
    messages = []
    for recipients, context, headers in mails:
        subject, body = render_mail(template, context)
        html_body = render_to_string(html_template, context) if html_template else ""
        messages.append(
            OutboxMessage(to=list(recipients), subject=subject, body=body, html_body=html_body, headers=headers)
        )
    for message in OutboxMessage.objects.bulk_create(messages):
        _enqueue_on_commit(message)
    return len(messages)


def _enqueue_on_commit(message: OutboxMessage) -> None:
    # The schema the row was written in, whatever the connection's is when the transaction commits.
    transaction.on_commit(partial(_enqueue, connection.schema_name, message.pk), robust=True)


def _enqueue(schema_name: str, message_id: int) -> None:
    from tenant_apps.outbox.tasks import send_message

    with schema_context(schema_name):  # the task runs in the schema it is sent from
        send_message.delay(message_id)


def deliver(message_id: int) -> bool:
    """Send one pending message; True once it is sent. A failure is recorded, then raised
    for the task to retry, until MAX_ATTEMPTS, after which the message is marked failed."""
    error = None
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update(skip_locked=True).pending().filter(pk=message_id).first()
        if message is None:  # sent already, failed for good, or being sent by another worker
            return False
        message.attempts += 1
        try:
            email = EmailMultiAlternatives(message.subject, message.body, to=message.to, headers=message.headers)
            if message.html_body:
                email.attach_alternative(message.html_body, "text/html")
            email.send()
        except Exception as failure:  # whatever the mail server does, it is one attempt
            error = failure
            message.last_error = f"{type(failure).__name__}: {failure}"[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = MessageStatus.FAILED
                logger.warning("Outbox message %s failed for good: %s", message.pk, message.last_error)
        else:
            message.status = MessageStatus.SENT
            message.sent_at = timezone.now()
        message.save(update_fields=["attempts", "last_error", "status", "sent_at"])
    # Raised once the attempt is saved, so that the task's retry sees it.
    if error is not None and message.status == MessageStatus.PENDING:
        raise error
    return error is None


def relay(now=None) -> int:
    """Send the messages whose task never ran (broker down when they were written)."""
    now = now or timezone.now()
    stale = OutboxMessage.objects.pending().filter(created_at__lte=now - RELAY_DELAY)
    sent = 0
    for message_id in stale.order_by("created_at").values_list("pk", flat=True)[:500]:
        try:
            sent += deliver(message_id)
        except Exception:  # recorded on the message; the others still go
            logger.info("Outbox message %s not sent, will be retried", message_id)
    return sent


def retry(message: OutboxMessage) -> None:
    """A person asks to try a failed message again."""
    OutboxMessage.objects.filter(pk=message.pk, status=MessageStatus.FAILED).update(
        status=MessageStatus.PENDING, attempts=0, last_error=""
    )
    _enqueue_on_commit(message)
