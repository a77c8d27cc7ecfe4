"""Job alerts: saved searches, matched in SQL, e-mailed once per offer, left in one click."""

import datetime
import re
from unittest import mock

from django.utils import timezone, translation

from shared_apps.referentials.geo import distance_km
from shared_apps.referentials.models import Commune
from tenant_apps.accounts.enums import Role
from tenant_apps.alerts import services
from tenant_apps.alerts.models import Alert, AlertMatch, CandidateAlert
from tenant_apps.offers.enums import ContractType, OfferStatus
from tenant_apps.offers.models import Offer
from tenant_apps.outbox import services as outbox_services
from tenant_apps.outbox.enums import MessageStatus
from tenant_apps.outbox.models import OutboxMessage
from tests.candidates.factories import CandidateFactory
from tests.employers.factories import MembershipFactory
from tests.offers.factories import OfferFactory

WORMHOUT, HONDSCHOOTE = "59663", "59309"
BASE = "http://test.localhost"


def an_alert(**fields) -> Alert:
    fields = {"email": "lea@x.org", "confirmed_at": timezone.now() - datetime.timedelta(hours=1), **fields}
    return Alert.objects.create(**fields)


def an_offer(**fields):
    return OfferFactory(published=True, **fields)


def matched(alert) -> list[str]:
    return sorted(AlertMatch.objects.filter(alert=alert).values_list("offer__title", flat=True))


def test_matching_uses_the_search_s_french_full_text(db):
    alert = an_alert(text="boulangere")
    an_offer(title="Boulanger / Boulangère")
    an_offer(title="Cariste", occupation_id="N1101", description="Conduite de chariot.")

    services.match("daily")

    assert matched(alert) == ["Boulanger / Boulangère"]


def test_the_distance_is_inclusive_at_exactly_the_radius(db):
    hondschoote = Commune.objects.get(insee=HONDSCHOOTE)
    wormhout = Commune.objects.get(insee=WORMHOUT)
    offer = an_offer(commune=wormhout)
    distance = (
        Commune.objects.filter(pk=WORMHOUT)
        .annotate(km=distance_km("referentials_commune", hondschoote.latitude, hondschoote.longitude))
        .get()
        .km
    )
    inside = an_alert(commune=hondschoote, radius_km=14)
    outside = an_alert(commune=hondschoote, radius_km=13)

    services.match("daily")

    assert 13 < distance < 14
    assert matched(inside) == [offer.title] and matched(outside) == []


def test_contract_working_time_and_car_filters(db):
    cdi = an_alert(contract_types=[ContractType.CDI])
    without_car = an_alert(without_car=True)
    an_offer(title="CDI en voiture", contract_type=ContractType.CDI, reachable_without_car=False)
    an_offer(title="CDD en bus", contract_type=ContractType.CDD, reachable_without_car=True)

    services.match("daily")

    assert matched(cdi) == ["CDI en voiture"]
    assert matched(without_car) == ["CDD en bus"]


def test_only_offers_published_since_the_last_run_and_only_active_alerts(db):
    alert = an_alert()
    unconfirmed = Alert.objects.create(email="v@x.org")
    gone = an_alert(unsubscribed_at=timezone.now())
    an_offer(title="Ancienne", published_at=timezone.now() - datetime.timedelta(days=3))
    an_offer(title="Nouvelle")

    services.match("daily")
    an_offer(title="Plus récente")
    services.match("daily")

    assert matched(alert) == ["Nouvelle", "Plus récente"]
    assert matched(unconfirmed) == [] and matched(gone) == []


def test_alerts_asking_the_same_share_a_search_but_each_gets_what_is_new_to_it(db):
    """Identical alerts are matched as one search, grouped with the moment they last ran."""
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    first, second = an_alert(text="cariste"), an_alert(text="cariste", email="b@x.org")
    later = an_alert(text="cariste", email="c@x.org", confirmed_at=hour_ago + datetime.timedelta(minutes=30))
    an_offer(title="Cariste d'avant", published_at=hour_ago + datetime.timedelta(minutes=10))
    an_offer(title="Cariste d'après", published_at=hour_ago + datetime.timedelta(minutes=50))

    services.match("daily")

    assert matched(first) == matched(second) == ["Cariste d'après", "Cariste d'avant"]
    assert matched(later) == ["Cariste d'après"]


def test_one_email_per_alert_per_run_never_twice_the_same_offer(db, mailoutbox, django_capture_on_commit_callbacks):
    alert = an_alert(text="boulanger", commune=Commune.objects.get(insee=HONDSCHOOTE), radius_km=20)
    an_offer(title="Boulanger de nuit")
    an_offer(title="Boulanger de jour")

    with django_capture_on_commit_callbacks(execute=True):
        assert services.run("daily", base_url=BASE) == 1
        assert services.run("daily", base_url=BASE) == 0  # a retried or repeated run
        # A run that matched again (watermark lost) finds the pairs already there.
        Alert.objects.filter(pk=alert.pk).update(matched_until=None)
        assert services.run("daily", base_url=BASE) == 0

    [mail] = mailoutbox
    assert mail.to == ["lea@x.org"] and mail.subject == "2 nouvelles offres pour votre alerte"
    assert "Boulanger de nuit" in mail.body and "à 13 km" in mail.body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html" and "Boulanger de jour</a>" in html
    # The signed key carries its time: read it back rather than signing again.
    unsubscribe = re.fullmatch(rf"<{BASE}/alertes/([^/]+)/desabonner/>", mail.extra_headers["List-Unsubscribe"])
    assert services.alert_of(unsubscribe.group(1)) == alert
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert AlertMatch.objects.filter(sent_at__isnull=True).count() == 0


def test_an_e_mail_lists_the_newest_offers_and_counts_the_others_which_are_never_sent_later(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    alert = an_alert(text="cariste")
    for minutes in (5, 4, 3, 2):
        an_offer(title=f"Cariste {minutes} min", published_at=timezone.now() - datetime.timedelta(minutes=minutes))

    with mock.patch.object(services, "LISTED", 2), django_capture_on_commit_callbacks(execute=True):
        assert services.run("daily", base_url=BASE) == 1
        assert services.run("daily", base_url=BASE) == 0

    [mail] = mailoutbox
    assert mail.subject == "4 nouvelles offres pour votre alerte"
    assert matched(alert) == ["Cariste 2 min", "Cariste 3 min"]  # the newest, recorded: the others never will be
    assert "Et 2 autres offres : http://test.localhost/offres/?q=cariste" in mail.body
    alert.refresh_from_db()
    assert alert.more_matches == 0


def test_a_digest_says_what_is_true_when_it_is_sent(db, mailoutbox):
    """Written by the run, composed by the worker that sends it: an offer filled in between
    is left out, and a person who unsubscribed in between gets nothing."""
    kept = an_alert(text="boulanger")
    left = an_alert(text="boulanger", email="partie@x.org")
    an_offer(title="Boulanger de nuit")
    filled = an_offer(title="Boulanger de jour")

    assert services.run("daily", base_url=BASE) == 2  # not sent yet: the commit hands them over
    Offer.objects.filter(pk=filled.pk).update(status=OfferStatus.FILLED)
    services.unsubscribe(left)
    for message in OutboxMessage.objects.all():
        outbox_services.deliver(message.pk)

    [mail] = mailoutbox
    assert mail.to == [kept.email] and mail.subject == "1 nouvelle offre pour votre alerte"
    assert "Boulanger de nuit" in mail.body and "Boulanger de jour" not in mail.body
    assert OutboxMessage.objects.get(to=[left.email]).status == MessageStatus.CANCELLED


def test_one_click_unsubscribe_works_without_logging_in_or_a_csrf_token(portal_client):
    alert = an_alert()
    client = portal_client
    client.handler.enforce_csrf_checks = True

    response = client.post(f"/alertes/{services.token(alert)}/desabonner/", {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    alert.refresh_from_db()
    assert alert.unsubscribed_at is not None


def test_a_forged_or_foreign_key_is_not_found(portal_client, other_territory):
    alert = an_alert()
    assert portal_client.get("/alertes/pas-une-cle/").status_code == 404
    with other_territory:
        foreign = Alert.objects.create(email="x@x.org")
        foreign_key = services.token(foreign)
    assert portal_client.post(f"/alertes/{foreign_key}/desabonner/").status_code == 404
    alert.refresh_from_db()
    assert alert.unsubscribed_at is None


def test_the_manage_page_changes_the_frequency(portal_client):
    alert = an_alert()

    portal_client.post(f"/alertes/{services.token(alert)}/", {"frequency": "weekly"})

    alert.refresh_from_db()
    assert alert.frequency == "weekly"


def test_a_visitor_saves_a_search_and_confirms_by_e_mail(portal_client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        portal_client.post(
            "/alertes/",
            {"q": "cariste", "commune": "Wormhout", "rayon": "10", "contrat": ["cdi", "temporary"],
             "email": "visiteur@x.org", "frequency": "instant", "query": "q=cariste"},
        )  # fmt: skip

    alert = Alert.objects.get()
    assert (alert.text, alert.commune_id, alert.radius_km, alert.contract_types) == (
        "cariste",
        WORMHOUT,
        10,
        ["cdi", "temporary"],
    )
    assert alert.confirmed_at is None
    [mail] = mailoutbox
    link = mail.body.split("http://test.localhost")[1].split()[0]
    assert portal_client.get(link).status_code == 200  # a page with a button: scanners do not confirm
    alert.refresh_from_db()
    assert alert.confirmed_at is None
    portal_client.post(link)
    alert.refresh_from_db()
    assert alert.confirmed_at is not None


def test_a_candidate_s_alert_is_active_at_once(login_as):
    client, user = login_as(Role.CANDIDATE, email="lea@x.org")
    CandidateFactory(user=user)

    client.post("/alertes/", {"q": "cariste", "frequency": "daily", "query": "q=cariste"})

    alert = Alert.objects.get()
    assert (alert.email, alert.user, alert.confirmed_at is not None) == ("lea@x.org", user, True)


def test_an_alert_saved_in_english_is_e_mailed_in_english(login_as, mailoutbox, django_capture_on_commit_callbacks):
    client, user = login_as(Role.CANDIDATE, email="lea@x.org")
    CandidateFactory(user=user)
    client.post("/alertes/", {"q": "cariste", "frequency": "daily", "query": "q=cariste"}, HTTP_ACCEPT_LANGUAGE="en")
    an_offer(title="Cariste")

    # Run and sent by workers, in the platform's language (no request)
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        services.run("daily", base_url=BASE)

    assert Alert.objects.get().language == "en"
    [mail] = mailoutbox
    assert mail.subject == "1 new offer for your alert"
    assert '<html lang="en">' in mail.alternatives[0][0]


def test_bad_alert_input_is_refused_with_a_message(portal_client):
    response = portal_client.post(
        "/alertes/", {"q": "x", "rayon": "500", "frequency": "daily", "email": "pas-un-email"}, follow=True
    )
    assert "Alerte non créée" in response.content.decode()
    assert not Alert.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_the_search_page_offers_to_save_the_search_as_an_alert(portal_client):
    page = portal_client.get("/offres/", {"q": "cariste", "contrat": ["cdi", "cdd"]}).content.decode()

    assert 'action="/alertes/"' in page
    assert '<input type="hidden" name="q" value="cariste">' in page
    assert page.count('<input type="hidden" name="contrat"') == 2


def test_a_recruiter_hears_of_candidates_newly_visible_for_an_offer(
    login_as, mailoutbox, django_capture_on_commit_callbacks
):
    client, user = login_as(Role.RECRUITER, email="rh@x.org")
    offer = an_offer(title="Aide-soignant", occupation_id="J1501")
    MembershipFactory(user=user, employer=offer.employer)
    client.post(f"/employeur/candidatures/offre/{offer.pk}/alerte/")
    assert CandidateAlert.objects.filter(offer=offer, user=user).exists()
    later = timezone.now() + datetime.timedelta(minutes=1)
    near = CandidateFactory(  # Wormhout, the workplace's commune
        visible=True, cvtheque_consent_at=later, user__first_name="Léa", user__last_name="D", occupations=["J1501"]
    )
    CandidateFactory(visible=True, cvtheque_consent_at=later, occupations=["N1101"])  # another trade
    CandidateFactory(occupations=["J1501"])  # not in the CVthèque

    with django_capture_on_commit_callbacks(execute=True):
        assert services.run_candidate_alerts(base_url=BASE, now=later + datetime.timedelta(minutes=1)) == 1
        assert services.run_candidate_alerts(base_url=BASE, now=later + datetime.timedelta(minutes=2)) == 0

    [mail] = mailoutbox
    assert mail.to == ["rh@x.org"] and mail.subject == "1 nouveau candidat pour « Aide-soignant »"
    assert f"/cvtheque/candidats/{near.pk}/" in mail.body
    client.post(f"/employeur/candidatures/offre/{offer.pk}/alerte/", {"stop": "1"})
    assert not CandidateAlert.objects.exists()


def test_only_those_who_manage_the_offer_follow_its_candidates(login_as):
    offer = an_offer()
    client, user = login_as(Role.RECRUITER)
    MembershipFactory(user=user)  # another employer
    assert client.post(f"/employeur/candidatures/offre/{offer.pk}/alerte/").status_code == 404
    candidate, _ = login_as(Role.CANDIDATE)
    assert candidate.post(f"/employeur/candidatures/offre/{offer.pk}/alerte/").status_code == 403
    assert not CandidateAlert.objects.exists()
