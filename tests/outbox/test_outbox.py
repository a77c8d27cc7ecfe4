"""Every e-mail is a row of the outbox first, written with the event, sent by a worker."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from tenant_apps.accounts.enums import Role
from tenant_apps.outbox import services
from tenant_apps.outbox.enums import MessageKind, MessageStatus
from tenant_apps.outbox.models import OutboxMessage

TEMPLATE = "candidates/emails/verify.txt"


def queue(**context):
    return services.queue_mail(TEMPLATE, ["lea@x.org"], {"user": {"first_name": "Léa"}, "link": "http://l", **context})


def test_a_message_is_written_with_the_event_and_sent_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
        assert mail.outbox == []  # not before the commit

    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 1)
    [sent] = mail.outbox
    assert sent.subject.startswith("Activez votre compte") and sent.to == ["lea@x.org"]


def test_a_rolled_back_event_leaves_no_message(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("the event fails")

    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_a_mail_server_failure_is_recorded_then_given_up_after_the_last_attempt(db, settings):
    # A real SMTP client against a port where nothing listens.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    message = OutboxMessage.objects.create(to=["lea@x.org"], subject="Bonjour", body="…")

    for _attempt in range(services.MAX_ATTEMPTS - 1):
        with pytest.raises(ConnectionRefusedError):
            services.deliver(message.pk)
    assert services.deliver(message.pk) is False

    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.FAILED, services.MAX_ATTEMPTS)
    assert "ConnectionRefusedError" in message.last_error


def test_a_message_is_sent_once_even_when_delivered_twice(db):
    message = OutboxMessage.objects.create(to=["lea@x.org"], subject="Bonjour", body="…")

    assert services.deliver(message.pk) is True
    assert services.deliver(message.pk) is False
    assert len(mail.outbox) == 1


@pytest.fixture
def greeting_kind():
    """A kind of message composed at sending time, from its payload."""
    composed = []

    def greet(payload):
        composed.append(payload)
        if payload["name"] is None:
            return None
        return services.compose(TEMPLATE, {"user": {"first_name": payload["name"]}, "link": "http://l"})

    previous = dict(services.COMPOSERS)
    services.composer("greeting")(greet)
    yield composed
    services.COMPOSERS.clear()
    services.COMPOSERS.update(previous)


def a_composed_message(name):
    return OutboxMessage.objects.create(to=["lea@x.org"], kind="greeting", payload={"name": name})


def test_a_message_of_a_kind_is_composed_by_the_worker_that_sends_it_and_kept(db, greeting_kind):
    message = a_composed_message("Léa")

    assert services.deliver(message.pk) is True

    [sent] = mail.outbox
    assert sent.subject.startswith("Activez votre compte") and "Léa" in sent.body
    message.refresh_from_db()
    assert message.subject == sent.subject and message.body == sent.body  # what was sent, for the staff


def test_a_retry_sends_what_the_first_attempt_composed(db, settings, greeting_kind):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    message = a_composed_message("Léa")
    with pytest.raises(ConnectionRefusedError):
        services.deliver(message.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    assert services.deliver(message.pk) is True

    assert len(greeting_kind) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 2)


def test_a_message_with_nothing_left_to_say_is_not_sent(db, greeting_kind):
    message = a_composed_message(None)

    assert services.deliver(message.pk) is False

    assert mail.outbox == []
    message.refresh_from_db()
    assert message.status == MessageStatus.CANCELLED
    assert services.deliver(message.pk) is False and len(greeting_kind) == 1  # never composed again


def test_the_relay_sends_what_was_left_behind(db):
    old = OutboxMessage.objects.create(to=["a@x.org"], subject="Ancien", body="…")
    OutboxMessage.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=2))
    OutboxMessage.objects.create(to=["b@x.org"], subject="Récent", body="…")  # its own task is on its way

    assert services.relay() == 1
    assert [m.subject for m in mail.outbox] == ["Ancien"]


def test_the_territory_admin_lists_failed_messages_and_retries_them(login_as, django_capture_on_commit_callbacks):
    failed = OutboxMessage.objects.create(
        to=["lea@x.org"], subject="Votre candidature", body="…", status=MessageStatus.FAILED, attempts=5,
        last_error="SMTPServerDisconnected",
    )  # fmt: skip
    client, _ = login_as(Role.TERRITORY_ADMIN)

    page = client.get("/gestion/envois/").content.decode()
    assert "Votre candidature" in page and "SMTPServerDisconnected" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/gestion/envois/{failed.pk}/reessayer/")

    failed.refresh_from_db()
    assert failed.status == MessageStatus.SENT
    assert [m.subject for m in mail.outbox] == ["Votre candidature"]


def test_a_message_that_failed_before_it_was_composed_is_listed_by_its_kind(login_as):
    OutboxMessage.objects.create(
        to=["lea@x.org"], kind=MessageKind.ALERT_DIGEST, payload={"alert": 0}, status=MessageStatus.FAILED,
        attempts=5, last_error="KeyError: 'offers'",
    )  # fmt: skip
    client, _ = login_as(Role.TERRITORY_ADMIN)

    page = client.get("/gestion/envois/").content.decode()

    assert "<td>Nouvelles offres d&#x27;une alerte</td>" in page


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.RECRUITER, Role.CANDIDATE])
def test_other_roles_and_territories_cannot_see_the_outbox(login_as, portal_client, other_territory, role):
    failed = OutboxMessage.objects.create(to=["x@x.org"], subject="S", body="…", status=MessageStatus.FAILED)
    client, _ = login_as(role)
    assert client.get("/gestion/envois/").status_code == 403
    assert client.post(f"/gestion/envois/{failed.pk}/reessayer/").status_code == 403
    assert portal_client.get("/gestion/envois/").status_code == 302
    admin, _ = login_as(Role.TERRITORY_ADMIN, on=other_territory)
    assert admin.post(f"/gestion/envois/{failed.pk}/reessayer/", HTTP_HOST="other.localhost").status_code == 404
