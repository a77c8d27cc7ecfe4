"""The outbox: e-mails are rows first, sent by a worker once the transaction commits.

``queue_mail`` writes the message in the caller's transaction and, on commit, hands
its id to a Celery task. If the broker is unreachable then, the request still
succeeds: the message waits in the table, and the relay job (every minute, in
every territory) sends what is still pending. Sending locks the row and skips
rows locked by someone else, so two workers never send the same message; the
mail server may still receive a message twice if a worker dies between sending
and committing, the one case where delivery is at least once.

A message of a ``kind`` (an alert's digest) is written with only what it is about,
in a set-based statement of the run that causes it, and composed by the worker that
sends it, from what is true then: a run writes tens of thousands of digests, and
composing them there cost more than all the matching (1 ms each), where the workers
that send them share it. Nothing is left to say (the offers were filled, the person
unsubscribed): the message is marked "sans objet" and not sent.
"""

import datetime
import logging
from collections.abc import Callable
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


def compose(template: str, context: dict, *, html_template: str = "", headers: dict | None = None) -> dict:
    """A message's fields from a text template whose first line is the subject, and an
    optional HTML template."""
    subject, _separator, body = render_to_string(template, context).partition("\n")
    return {
        "subject": subject.strip(),
        "body": body.strip() + "\n",
        "html_body": render_to_string(html_template, context) if html_template else "",
        "headers": headers or {},
    }


def queue_mail(
    template: str,
    recipients: list[str],
    context: dict,
    *,
    html_template: str = "",
    headers: dict | None = None,
) -> OutboxMessage:
    """Write an e-mail (text, and HTML when ``html_template`` is given) to send once the transaction commits."""
    message = OutboxMessage.objects.create(
        to=list(recipients), **compose(template, context, html_template=html_template, headers=headers)
    )
    enqueue_on_commit(message.pk)
    return message


COMPOSERS: dict[str, Callable[[dict], dict | None]] = {}


def composer(kind: str):
    """Register the function that composes the messages of ``kind`` from their payload when
    they are sent: it returns ``compose(...)``, or None when nothing is left to say."""

    def register(function):
        COMPOSERS[kind] = function
        return function

    return register


def enqueue_on_commit(message_id: int) -> None:
    """Hand a message written in this transaction to a worker once it commits."""
    # The schema the row was written in, whatever the connection's is when the transaction commits.
    transaction.on_commit(partial(_enqueue, connection.schema_name, message_id), robust=True)


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
            if message.kind and not message.subject:
                composed = COMPOSERS[message.kind](message.payload)
                if composed is None:
                    message.status = MessageStatus.CANCELLED
                    message.save(update_fields=["attempts", "status"])
                    return False
                # Kept with the message: a retry sends what the first attempt composed.
                for field, value in composed.items():
                    setattr(message, field, value)
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
        message.save(
            update_fields=["subject", "body", "html_body", "headers", "attempts", "last_error", "status", "sent_at"]
        )
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
    enqueue_on_commit(message.pk)
