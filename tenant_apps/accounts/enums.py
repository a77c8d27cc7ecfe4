from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # People of a territory (their territory's schema)
    CANDIDATE = "candidate", _("Candidat")
    RECRUITER = "recruiter", _("Recruteur")
    RECEPTION_AGENT = "reception_agent", _("Agent d'accueil")
    ADVISOR = "advisor", _("Conseiller")
    PARTNER = "partner", _("Partenaire")
    TERRITORY_ADMIN = "territory_admin", _("Administrateur du territoire")
    # People of the provider (public schema)
    PROVIDER_STAFF = "provider_staff", _("Équipe du fournisseur")
    CROSS_TERRITORY_ADMIN = "cross_territory_admin", _("Administrateur multi-territoires")


TERRITORY_ROLES = [
    Role.CANDIDATE,
    Role.RECRUITER,
    Role.RECEPTION_AGENT,
    Role.ADVISOR,
    Role.PARTNER,
    Role.TERRITORY_ADMIN,
]
PUBLIC_ROLES = [Role.PROVIDER_STAFF, Role.CROSS_TERRITORY_ADMIN]
# The territory's team, managed by its admins at /gestion/equipe/ (candidates and recruiters sign up).
TERRITORY_STAFF_ROLES = [Role.RECEPTION_AGENT, Role.ADVISOR, Role.PARTNER, Role.TERRITORY_ADMIN]
