"""Who may read which territories' figures from the provider host, in the public schema.

A cross-territory admin (role ``cross_territory_admin``, a public-schema account: a
département, a region, a federation of intercommunalities…) reads the figures of the
territories it was granted, never their people: see ``shared_apps.oversight.reports``."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenants.models import Territory


class OversightGrantQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("user", "territory").order_by("user__email", "department", "territory")

    def territories(self):
        """The real territories these grants cover: the ones granted by name, and every territory
        with a member commune in a granted département (an intercommunality spanning two
        départements is in both). One query, whatever the number of grants."""
        member_in_department = Territory.communes.through.objects.filter(
            territory=OuterRef("pk"),
            commune__department__in=self.exclude(department="").values("department"),
        )
        return Territory.objects.portals().filter(
            Q(pk__in=self.filter(territory__isnull=False).values("territory")) | Exists(member_in_department)
        )


class OversightGrant(models.Model):
    """One territory, or one département's territories, that a cross-territory admin may read.
    Given and withdrawn by provider staff (console or Django admin); a withdrawn grant is deleted,
    the console's journal keeps the trace."""

    # DO_NOTHING: accounts.User has a table in every territory's schema too, whose search path
    # ends with the public schema; deleting a territory's user must never look here (the same ids
    # are other people). The public user's grants go with it (signals.py).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("administrateur multi-territoires"),
        on_delete=models.DO_NOTHING,
        related_name="oversight_grants",
    )
    territory = models.ForeignKey(
        "tenants.Territory",
        verbose_name=_("territoire"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="oversight_grants",
    )
    department = models.CharField(
        _("département"), max_length=3, blank=True, help_text=_("Code du département, par exemple 59 ou 2A.")
    )
    granted_by = models.EmailField(_("accordé par"), blank=True)
    created_at = models.DateTimeField(_("accordé le"), default=timezone.now)

    objects = OversightGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("territoire supervisé")
        verbose_name_plural = _("territoires supervisés")
        ordering = ["user", "department", "territory"]
        constraints = [
            models.CheckConstraint(
                condition=Q(territory__isnull=False, department="") | Q(territory__isnull=True) & ~Q(department=""),
                name="oversight_grant_territory_or_department",
            ),
            models.UniqueConstraint(
                fields=["user", "territory"], condition=Q(territory__isnull=False), name="one_grant_per_territory"
            ),
            models.UniqueConstraint(
                fields=["user", "department"], condition=~Q(department=""), name="one_grant_per_department"
            ),
        ]

    def __str__(self):
        scope = self.territory.name if self.territory_id else _("département %(code)s") % {"code": self.department}
        return f"{self.user} → {scope}"
