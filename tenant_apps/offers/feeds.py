"""RSS and Atom feeds of a territory's offers, for the member communes' websites."""

from django.contrib.syndication.views import Feed
from django.db import connection
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from shared_apps.referentials.models import Commune
from tenant_apps.offers.models import Offer
from tenant_apps.offers.search import Criteria, Sort, search_offers
from tenant_apps.offers.structured_data import summary

FEED_SIZE = 50


class OffersFeed(Feed):
    """The newest offers of the territory; with a commune, the newest within the
    territory's default radius of it."""

    def get_object(self, request, insee=None):
        if insee is None:
            return None
        try:
            return Commune.objects.get(insee=insee)
        except Commune.DoesNotExist as error:
            raise Http404 from error

    def title(self, commune):
        territory = connection.tenant
        if commune is None:
            return _("Offres d'emploi — %(name)s") % {"name": territory.name}
        return _("Offres d'emploi autour de %(commune)s — %(name)s") % {"commune": commune.name, "name": territory.name}

    def link(self, commune):
        return reverse("offers:search") + (f"?commune={commune.insee}" if commune else "")

    def description(self, commune):
        return _("Les dernières offres publiées sur le portail emploi de %(name)s.") % {"name": connection.tenant.name}

    def items(self, commune):
        if commune is None:
            criteria = Criteria()
        else:
            criteria = Criteria(
                latitude=commune.latitude,
                longitude=commune.longitude,
                radius_km=connection.tenant.default_search_radius_km,
                sort=Sort.DATE,
            )
        return search_offers(criteria, rows=Offer.objects.select_related("employer", "commune"))[:FEED_SIZE]

    def item_title(self, offer):
        return f"{offer.title} — {offer.employer.name}, {offer.commune.name}"

    def item_description(self, offer):
        return summary(offer, 400)

    def item_link(self, offer):
        return reverse("offers:detail", args=[offer.pk])

    def item_pubdate(self, offer):
        return offer.published_at

    def item_categories(self, offer):
        return [offer.get_contract_type_display()]


class AtomOffersFeed(OffersFeed):
    feed_type = Atom1Feed
    subtitle = OffersFeed.description
