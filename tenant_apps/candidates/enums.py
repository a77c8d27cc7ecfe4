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


class ConsentMethod(models.TextChoices):
    """How a person gave their consent to an agent who built their profile with them."""

    ORAL = "oral", _("Oral, en présence de l'agent")
    SIGNED_PAPER = "signed_paper", _("Papier signé")


class OnBehalfKind(models.TextChoices):
    CREATED = "created", _("Profil créé")
    PROFILE_CHANGED = "profile_changed", _("Profil modifié")
    APPLIED = "applied", _("Candidature envoyée")
    ACTIVATION_SENT = "activation_sent", _("Lien d'activation envoyé")
    SHEET_PRINTED = "sheet_printed", _("Fiche d'activation imprimée")
