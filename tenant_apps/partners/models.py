from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from tenant_apps.candidates.models import phone_validator
from tenant_apps.partners.enums import OrganisationKind


class PartnerOrganisationQuerySet(models.QuerySet):
    def with_counts(self):
        """Active members and the candidates who chose the organisation, for the admin's list."""
        return self.annotate(
            member_count=Count("memberships", filter=Q(memberships__user__is_active=True), distinct=True),
            candidate_count=Count("candidates", distinct=True),
        )


class PartnerOrganisation(models.Model):
    """A structure that works with the territory (mission locale, France Travail agency, temping
    agency…): its members have the partner role, and candidates may choose it as their support."""

    name = models.CharField(_("nom"), max_length=150, unique=True)
    kind = models.CharField(_("type de structure"), max_length=20, choices=OrganisationKind)
    contact_email = models.EmailField(_("e-mail de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone"), max_length=20, blank=True, validators=[phone_validator])
    # Posting offers is moderated like any other offer; the CVthèque shows people's profiles, so
    # the territory grants it on purpose.
    can_post_offers = models.BooleanField(
        _("peut publier des offres pour ses clients"),
        default=True,
        help_text=_("Les offres passent par la validation du territoire quand elle est activée."),
    )
    can_search_cvtheque = models.BooleanField(
        _("peut consulter la CVthèque"),
        default=False,
        help_text=_("Les profils visibles de tous les candidats du territoire, pas seulement ceux qu'elle accompagne."),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = PartnerOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("structure partenaire")
        verbose_name_plural = _("structures partenaires")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PartnerMembership(models.Model):
    """A partner-role user works for exactly one organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membre"),
        on_delete=models.CASCADE,
        related_name="partner_membership",
    )
    organisation = models.ForeignKey(
        PartnerOrganisation, verbose_name=_("structure"), on_delete=models.PROTECT, related_name="memberships"
    )
    joined_at = models.DateTimeField(_("arrivé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("membre d'une structure partenaire")
        verbose_name_plural = _("membres des structures partenaires")

    def __str__(self):
        return f"{self.user} — {self.organisation}"
