"""Offers go offline at their date limit; employers are told a week before, once."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from tenant_apps.offers.enums import OfferStatus
from tenant_apps.offers.models import Offer
from tenant_apps.offers.services import apply_transition, expire_due_offers, warn_offers_expiring_soon
from tests.accounts.factories import UserFactory
from tests.employers.factories import EmployerFactory, MembershipFactory
from tests.offers.factories import OfferFactory

NOW = timezone.now()


def published(expires_in_days, **fields):
    return OfferFactory(published=True, expires_at=NOW + datetime.timedelta(days=expires_in_days), **fields)


def test_offers_past_their_date_limit_expire_with_a_logged_automatic_transition(db):
    due, later = published(-1), published(3)
    draft = OfferFactory(expires_at=NOW - datetime.timedelta(days=1))

    assert expire_due_offers(NOW) == 1

    due.refresh_from_db(), later.refresh_from_db(), draft.refresh_from_db()
    assert (due.status, later.status, draft.status) == (OfferStatus.EXPIRED, OfferStatus.PUBLISHED, OfferStatus.DRAFT)
    step = due.transitions.get()
    assert (step.from_status, step.to_status, step.by, step.reason) == (
        OfferStatus.PUBLISHED,
        OfferStatus.EXPIRED,
        None,
        "Date limite atteinte",
    )
    assert expire_due_offers(NOW) == 0  # nothing twice


def test_each_employer_is_warned_once_about_its_offers_expiring_within_a_week(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    bakery, garage = EmployerFactory(name="Boulangerie"), EmployerFactory(name="Garage")
    baker = MembershipFactory(employer=bakery).user
    MembershipFactory(employer=bakery, user=UserFactory(role="recruiter", is_active=False))  # not verified yet
    mechanic = MembershipFactory(employer=garage).user
    published(3, employer=bakery, title="Boulanger")
    published(6, employer=bakery, title="Vendeuse")
    published(2, employer=garage, title="Mécanicien")
    published(20, employer=garage, title="Carrossier")  # not yet

    with django_capture_on_commit_callbacks(execute=True):
        assert warn_offers_expiring_soon(base_url="http://test.localhost", now=NOW) == 3

    mails = {tuple(mail.to): mail for mail in mailoutbox}
    assert set(mails) == {(baker.email,), (mechanic.email,)}
    assert mails[(baker.email,)].subject == "2 offres seront retirées du portail dans moins d'une semaine"
    assert "Boulanger" in mails[(baker.email,)].body and "Vendeuse" in mails[(baker.email,)].body
    assert "http://test.localhost/employeur/offres/" in mails[(baker.email,)].body
    assert "Carrossier" not in mails[(mechanic.email,)].body
    with django_capture_on_commit_callbacks(execute=True):
        assert warn_offers_expiring_soon(base_url="http://test.localhost", now=NOW) == 0
    assert len(mailoutbox) == 2


def test_renewing_puts_an_offer_back_online_for_the_territory_s_validity(db):
    recruiter = MembershipFactory().user
    offer = published(-1, employer=recruiter.membership.employer)
    expire_due_offers(NOW)
    offer.refresh_from_db()

    offer = apply_transition(offer, "renew", by=recruiter)

    assert offer.status == OfferStatus.PUBLISHED
    assert offer.expires_at.date() == (timezone.now() + datetime.timedelta(days=60)).date()
    assert offer.expiry_warning_sent_at is None


def test_the_command_simulates_unless_told_to_apply(db, capsys):
    published(-1)

    call_command("expire_offers")
    assert "CC des Hauts de Flandre : 1 offre(s) expirée(s)" in capsys.readouterr().out
    assert Offer.objects.get().status == OfferStatus.PUBLISHED

    call_command("expire_offers", "--wet-run")
    assert Offer.objects.get().status == OfferStatus.EXPIRED


def test_the_daily_job_is_scheduled_for_every_territory(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["expire-offers"]

    assert entry["task"] == "tenants.tasks.for_each_territory"
    assert entry["args"] == ("tenant_apps.offers.tasks.expire_offers",)


@pytest.mark.celery
def test_the_fan_out_runs_a_task_once_in_each_territory(django_db_blocker):
    import uuid

    from celery.contrib.testing.worker import start_worker

    from platform.celery import app
    from tenants.models import Territory
    from tenants.tasks import for_each_territory
    from tests.platform.test_celery import record_schema, wait_for

    token = uuid.uuid4().hex
    with django_db_blocker.unblock():
        schemas = sorted(Territory.objects.portals().values_list("schema_name", flat=True))
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            for_each_territory.delay(record_schema.name, token, jitter=1)  # spread over one second
            assert sorted(wait_for(token, len(schemas))) == schemas


def test_the_daily_task_expires_and_warns_in_its_territory(
    db, territory, mailoutbox, django_capture_on_commit_callbacks
):
    from tenant_apps.offers.tasks import expire_offers

    published(-2)
    MembershipFactory(employer=published(2).employer)

    with django_capture_on_commit_callbacks(execute=True):
        assert expire_offers.run() == {"expired": 1, "warned": 1}
    assert "http://test.localhost:8000/employeur/offres/" in mailoutbox[0].body
