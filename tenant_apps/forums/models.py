from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ForumQuerySet(models.QuerySet):
    def upcoming(self):
        """Forums not over yet, soonest first (what the public list shows)."""
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def with_counts(self):
        return self.annotate(
            registration_count=Count("registrations", distinct=True),
            attendance_count=Count("registrations", filter=Q(registrations__attended_at__isnull=False), distinct=True),
            participant_count=Count("participants", distinct=True),
        )


class Forum(models.Model):
    """The territory's job forum ("forum emploi"): one day where employers meet candidates."""

    title = models.CharField(_("titre"), max_length=150)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    place = models.CharField(_("lieu"), max_length=150, help_text=_("Par exemple : Salle des fêtes"))
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    commune = models.ForeignKey(
        "referentials.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("présentation"), max_length=5000, blank=True)
    registration_open = models.BooleanField(_("inscriptions ouvertes"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("créé par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = ForumQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum emploi")
        verbose_name_plural = _("forums emploi")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="forum_ends_after_start"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_over(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def accepts_registrations(self) -> bool:
        return self.registration_open and not self.is_over


class Participant(models.Model):
    """An employer present at the forum, with the offers it brings."""

    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="participants")
    employer = models.ForeignKey(
        "employers.Employer", verbose_name=_("employeur"), on_delete=models.CASCADE, related_name="+"
    )
    stand = models.CharField(_("stand"), max_length=50, blank=True)
    offers = models.ManyToManyField("offers.Offer", verbose_name=_("offres présentées"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("employeur participant")
        verbose_name_plural = _("employeurs participants")
        ordering = ["employer__name"]
        constraints = [models.UniqueConstraint(fields=["forum", "employer"], name="participant_unique_employer")]

    def __str__(self):
        return str(self.employer)


class Registration(models.Model):
    """A candidate registered for the forum, online or by an agent, and whether they came."""

    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="registrations")
    candidate = models.ForeignKey(
        "candidates.Candidate", verbose_name=_("candidat"), on_delete=models.CASCADE, related_name="+"
    )
    employers = models.ManyToManyField(
        Participant, verbose_name=_("employeurs à rencontrer"), blank=True, related_name="registrations"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inscrit par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("L'agent qui a inscrit la personne ; vide quand elle s'est inscrite elle-même."),
    )
    created_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    attended_at = models.DateTimeField(_("présent le"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("présence notée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["candidate__user__last_name", "candidate__user__first_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["forum", "candidate"], name="registration_unique_candidate")]

    def __str__(self):
        return f"{self.candidate} — {self.forum}"


class ForumHire(models.Model):
    """A hire credited to the forum: a registered person hired by a participating employer.
    Linked to the portal's hire when there is one, so that it is counted once."""

    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="hires")
    registration = models.ForeignKey(
        Registration, verbose_name=_("personne recrutée"), on_delete=models.CASCADE, related_name="hires"
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("employeur"), on_delete=models.CASCADE, related_name="hires"
    )
    hire = models.OneToOneField(
        "applications.Hire",
        verbose_name=_("recrutement enregistré sur le portail"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_credit",
    )
    hired_on = models.DateField(_("date d'embauche"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistré par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recrutement grâce au forum")
        verbose_name_plural = _("recrutements grâce au forum")
        ordering = ["-hired_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "participant"], name="forum_hire_unique_person_employer")
        ]

    def __str__(self):
        return f"{self.registration.candidate} — {self.participant}"
