from django.db import models
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    OFFERS_PUBLISHED = "offers_published", _("Offres publiées")
    NEEDS_COLLECTED = "needs_collected", _("Besoins recueillis par un conseiller")
    APPLICATIONS = "applications", _("Candidatures")
    HIRES = "hires", _("Recrutements")
    HIRES_THROUGH_PLATFORM = "hires_platform", _("Recrutements via le portail")
    ACTIVE_CANDIDATES = "active_candidates", _("Candidats actifs")
    PROFILES_SELF_SERVICE = "profiles_self", _("Nouveaux profils en autonomie")
    PROFILES_ASSISTED = "profiles_assisted", _("Nouveaux profils accompagnés")
    CVTHEQUE_SEARCHES = "cvtheque_searches", _("Recherches dans la CVthèque")
    PROFILE_VIEWS = "profile_views", _("Profils consultés par les employeurs")
    OFFERS_WITHOUT_APPLICATION = "offers_unanswered", _("Offres sans candidature après 15 jours")
    VISITS_PHONE = "visits_phone", _("Visites depuis un téléphone")
    VISITS_TABLET = "visits_tablet", _("Visites depuis une tablette")
    VISITS_COMPUTER = "visits_computer", _("Visites depuis un ordinateur")


class Device(models.TextChoices):
    PHONE = "phone", _("Téléphone")
    TABLET = "tablet", _("Tablette")
    COMPUTER = "computer", _("Ordinateur")


VISIT_METRICS = {
    Device.PHONE: Metric.VISITS_PHONE,
    Device.TABLET: Metric.VISITS_TABLET,
    Device.COMPUTER: Metric.VISITS_COMPUTER,
}
# Counted in the cache as they happen (they leave no row to count), flushed into the roll-up:
# never recomputed, only added to.
COUNTER_METRICS = [Metric.CVTHEQUE_SEARCHES, *VISIT_METRICS.values()]
# One row per month (its first day): a distinct count does not add up day by day.
MONTHLY_METRICS = [Metric.ACTIVE_CANDIDATES]
