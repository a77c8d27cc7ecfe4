from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfileStep(models.TextChoices):
    """The steps of the profile, in the order a candidate fills them in."""

    HOME = "domicile", _("Domicile et mobilité")
    WISHES = "recherche", _("Métiers recherchés")
    EXPERIENCES = "experiences", _("Expériences")
    TRAININGS = "formations", _("Formations et diplômes")
    SKILLS = "competences", _("Compétences et langues")
    PRESENTATION = "presentation", _("Présentation")
    CV = "cv", _("CV et visibilité")


class CvKind(models.TextChoices):
    UPLOADED = "uploaded", _("CV déposé")
    GENERATED = "generated", _("CV créé depuis le profil")
