import pytest
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from tenant_apps.statistics import services
from tenant_apps.statistics.counters import counter_key
from tenant_apps.statistics.devices import classify
from tenant_apps.statistics.enums import Device, Metric
from tenant_apps.statistics.middleware import VisitCounterMiddleware
from tenant_apps.statistics.models import DailyFigure

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.mark.parametrize(
    ("user_agent", "device"),
    [
        (IPHONE, Device.PHONE),
        (
            "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/125.0.0.0 Mobile Safari/537.36",
            Device.PHONE,
        ),
        ("Mozilla/5.0 (Android 14; Mobile; rv:126.0) Gecko/126.0 Firefox/126.0", Device.PHONE),
        (
            "Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) AppleWebKit/537.36 "
            "(KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 Edge/15.15063",
            Device.PHONE,
        ),
        ("Opera/9.80 (J2ME/MIDP; Opera Mini/5.1.21214/28.2725; U; fr) Presto/2.8.119 Version/11.10", Device.PHONE),
        (
            "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/16.6 Mobile/15E148 Safari/604.1",
            Device.TABLET,
        ),
        (
            "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/124.0.0.0 Safari/537.36",
            Device.TABLET,
        ),
        (
            "Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/120.3.1 "
            "like Chrome/120.0.6099.230 Safari/537.36",
            Device.TABLET,
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0",
            Device.COMPUTER,
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.4 Safari/605.1.15",
            Device.COMPUTER,
        ),
        ("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0", Device.COMPUTER),
        (
            "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/124.0.0.0 Safari/537.36",
            Device.COMPUTER,
        ),
        (GOOGLEBOT, None),
        ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", None),
        (
            "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/125.0.6422.60 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            None,
        ),
        ("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", None),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 HeadlessChrome/125.0.0.0", None),
        ("curl/8.5.0", None),
        ("python-requests/2.32.3", None),
        ("", None),
    ],
)
def test_the_user_agent_tells_the_device(user_agent, device):
    assert classify(user_agent) == device


def visits(metric):
    return cache.get(counter_key(timezone.localdate(), metric)) or 0


@pytest.mark.django_db
def test_a_page_view_is_counted_by_device_without_setting_a_cookie(portal_client):
    response = portal_client.get("/", HTTP_USER_AGENT=IPHONE)

    assert response.status_code == 200
    assert visits(Metric.VISITS_PHONE) == 1
    assert visits(Metric.VISITS_COMPUTER) == 0
    assert set(response.cookies) <= {settings.CSRF_COOKIE_NAME}  # the CSRF token of the page's own forms


@pytest.mark.django_db
def test_the_counter_adds_no_cookie(territory):
    request = RequestFactory().get("/offres/", HTTP_USER_AGENT=IPHONE, REMOTE_ADDR="203.0.113.7")
    middleware = VisitCounterMiddleware(lambda request: HttpResponse("<p>Offres</p>"))

    response = middleware(request)

    assert not response.cookies
    assert not response.has_header("Vary")
    assert visits(Metric.VISITS_PHONE) == 1  # a per-day counter: no address, no User-Agent kept


@pytest.mark.django_db
def test_robots_api_calls_and_missing_pages_are_not_counted(portal_client):
    portal_client.get("/", HTTP_USER_AGENT=GOOGLEBOT)
    portal_client.get("/api/docs/", HTTP_USER_AGENT=IPHONE)  # HTML, but not a portal page
    portal_client.get("/page-qui-n-existe-pas/", HTTP_USER_AGENT=IPHONE)

    assert visits(Metric.VISITS_PHONE) == 0


@pytest.mark.django_db
def test_each_territory_counts_its_own_visits(portal_client, other_portal_client, territory, other_territory):
    portal_client.get("/", HTTP_USER_AGENT=IPHONE)
    portal_client.get("/", HTTP_USER_AGENT=IPHONE)
    other_portal_client.get("/", HTTP_USER_AGENT=IPHONE)

    with other_territory:
        services.refresh(timezone.localdate())
        assert DailyFigure.objects.get(metric=Metric.VISITS_PHONE).value == 1
    with territory:  # a request leaves the connection in its portal's schema
        services.refresh(timezone.localdate())
        assert DailyFigure.objects.get(metric=Metric.VISITS_PHONE).value == 2
        assert visits(Metric.VISITS_PHONE) == 0  # flushed


@pytest.mark.django_db
def test_a_cvtheque_search_is_counted_but_not_its_next_pages(login_as):
    client, _recruiter = login_as("recruiter")

    client.get("/cvtheque/", {"q": "aide-soignante"})
    client.get("/cvtheque/", {"q": "aide-soignante", "page": "2"})
    client.get("/cvtheque/")  # the empty form, before any search

    assert visits(Metric.CVTHEQUE_SEARCHES) == 1
