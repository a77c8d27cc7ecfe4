from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedOffer(models.Model):
    """A copy, in the public schema, of what every territory publishes, so that a
    territory's search finds its neighbours' offers near the border. Only public
    facts of published offers; kept in sync by directory.services."""

    territory = models.ForeignKey(
        "tenants.Territory", verbose_name=_("territoire"), on_delete=models.CASCADE, related_name="+"
    )
    offer_id = models.BigIntegerField(_("identifiant dans le territoire"))
    title = models.CharField(_("intitulé"), max_length=150)
    employer_name = models.CharField(_("employeur"), max_length=200)
    occupation = models.ForeignKey("referentials.Occupation", on_delete=models.PROTECT, related_name="+")
    # Indexed first in directory_commune_recent, which serves the lookups by commune.
    commune = models.ForeignKey("referentials.Commune", on_delete=models.PROTECT, related_name="+", db_index=False)
    latitude = models.FloatField()
    longitude = models.FloatField()
    contract_type = models.CharField(max_length=30)
    working_time = models.CharField(max_length=20)
    reachable_without_car = models.BooleanField(default=False)
    vehicle_required = models.BooleanField(default=False)
    published_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True)
    search_vector = SearchVectorField(null=True)
    search_text = models.TextField(default="")

    class Meta:
        verbose_name = _("offre publiée (index partagé)")
        verbose_name_plural = _("offres publiées (index partagé)")
        constraints = [models.UniqueConstraint(fields=["territory", "offer_id"], name="one_entry_per_offer")]
        indexes = [
            GinIndex(fields=["search_vector"], name="directory_search_vector"),
            GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="directory_search_text_trgm"),
            # The neighbours' search (offers.search.search_neighbours): entries by commune,
            # then territory (whose ranges leave out the searching territory's), newest first.
            models.Index(fields=["commune", "territory", "-published_at", "-id"], name="directory_commune_recent"),
        ]

    def __str__(self):
        return f"{self.title} ({self.territory_id}/{self.offer_id})"
