from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _


class Epci(models.Model):
    """Intercommunality (établissement public de coopération intercommunale)."""

    siren = models.CharField(_("SIREN"), max_length=9, primary_key=True)
    name = models.CharField(_("nom"), max_length=150)
    kind = models.CharField(_("nature"), max_length=10)
    population = models.PositiveIntegerField(_("population"))
    members = models.PositiveSmallIntegerField(_("nombre de communes"))
    search_name = models.CharField(max_length=150, editable=False)

    class Meta:
        verbose_name = _("EPCI")
        verbose_name_plural = _("EPCI")
        ordering = ["name"]
        indexes = [GinIndex(fields=["search_name"], opclasses=["gin_trgm_ops"], name="epci_search_trgm")]

    def __str__(self):
        return f"{self.name} ({self.siren})"


class Commune(models.Model):
    insee = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    search_name = models.CharField(max_length=100, editable=False)
    postal_codes = models.CharField(_("codes postaux"), max_length=200, help_text=_("séparés par des espaces"))
    department = models.CharField(_("département"), max_length=3)
    region = models.CharField(_("région"), max_length=2)
    population = models.PositiveIntegerField(_("population"))
    epci = models.ForeignKey(
        Epci, verbose_name=_("EPCI"), on_delete=models.PROTECT, null=True, blank=True, related_name="communes"
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]
        indexes = [GinIndex(fields=["search_name"], opclasses=["gin_trgm_ops"], name="commune_search_trgm")]

    def __str__(self):
        return f"{self.name} ({self.postal_codes.split(' ')[0]})"


class Occupation(models.Model):
    """A ROME 4.0 occupation (métier), with its professional group and domain."""

    code = models.CharField(_("code ROME"), max_length=5, primary_key=True)
    label = models.CharField(_("libellé"), max_length=150)
    search_label = models.CharField(max_length=150, editable=False)
    group_code = models.CharField(_("domaine professionnel"), max_length=3)
    group_label = models.CharField(_("libellé du domaine professionnel"), max_length=150)
    domain_code = models.CharField(_("grand domaine"), max_length=1, db_index=True)
    domain_label = models.CharField(_("libellé du grand domaine"), max_length=150)

    class Meta:
        verbose_name = _("métier ROME")
        verbose_name_plural = _("métiers ROME")
        ordering = ["code"]

    def __str__(self):
        return f"{self.label} ({self.code})"


class Appellation(models.Model):
    """A job title of the ROME (e.g. "Cariste"), the words people search with."""

    code = models.CharField(_("code OGR"), max_length=6, primary_key=True)
    label = models.CharField(_("libellé"), max_length=200)
    search_label = models.CharField(max_length=200, editable=False)
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("métier ROME"), on_delete=models.PROTECT, related_name="appellations"
    )

    class Meta:
        verbose_name = _("appellation ROME")
        verbose_name_plural = _("appellations ROME")
        ordering = ["label"]
        indexes = [GinIndex(fields=["search_label"], opclasses=["gin_trgm_ops"], name="appellation_search_trgm")]

    def __str__(self):
        return self.label
