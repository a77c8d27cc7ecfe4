import datetime

from django import forms
from django.db import connection
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shared_apps.referentials.communes import resolve_commune
from shared_apps.referentials.occupations import resolve_occupation
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.employers.enums import Sector
from tenant_apps.followup.enums import FollowUpStatus
from tenant_apps.followup.models import EmployerContact, Interaction

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
NO_CONTACT_CHOICES = [
    ("", _("Peu importe")),
    ("jamais", _("Jamais contacté")),
    ("30", _("Pas de contact depuis 30 jours")),
    ("90", _("Pas de contact depuis 90 jours")),
]


def advisors():
    return User.objects.filter(role=Role.ADVISOR, is_active=True).order_by("first_name", "last_name")


def _communes():
    return connection.tenant.communes.all()


def _without_contact(field: str, choice: str) -> Q:
    if choice == "jamais":
        return Q(**{f"{field}__isnull": True})
    since = timezone.now() - datetime.timedelta(days=int(choice))
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": since})


class PortfolioForm(forms.Form):
    """The candidates an advisor looks at (query string, French names: shareable)."""

    q = forms.CharField(label=_("Nom ou e-mail"), required=False, max_length=100)
    conseiller = forms.ChoiceField(label=_("Conseiller"), required=False)
    situation = forms.ChoiceField(
        label=_("Situation"), required=False, choices=[("", _("Toutes")), *FollowUpStatus.choices]
    )
    commune = forms.CharField(
        label=_("Commune"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"data-suggestions": reverse_lazy("api:communes"), "autocomplete": "off"}),
    )
    metier = forms.CharField(
        label=_("Métier recherché"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"data-suggestions": reverse_lazy("api:job_titles"), "autocomplete": "off"}),
    )
    mobilite = forms.ChoiceField(
        label=_("Mobilité"),
        required=False,
        choices=[
            ("", _("Peu importe")),
            ("permis", _("Permis B")),
            ("vehicule", _("Véhiculé")),
            ("sans_voiture", _("Sans voiture")),
        ],
    )
    contact = forms.ChoiceField(label=_("Dernier contact"), required=False, choices=NO_CONTACT_CHOICES)
    etiquette = forms.CharField(label=_("Étiquette"), required=False, max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conseiller"].choices = [
            ("", _("Tous")),
            ("moi", _("Mes candidats")),
            ("aucun", _("Sans conseiller")),
            *[(str(user.pk), str(user)) for user in advisors()],
        ]

    def clean_commune(self):
        text = self.cleaned_data["commune"]
        return resolve_commune(text, queryset=_communes()) if text.strip() else None

    def clean_metier(self):
        text = self.cleaned_data["metier"]
        return resolve_occupation(text) if text.strip() else None

    def filter(self, candidates, user):
        data = self.cleaned_data
        if data["q"]:
            words = data["q"].strip()
            candidates = candidates.filter(
                Q(user__last_name__unaccent__icontains=words)
                | Q(user__first_name__unaccent__icontains=words)
                | Q(user__email__icontains=words)
            )
        if data["conseiller"] == "moi":
            candidates = candidates.filter(followup__advisor=user)
        elif data["conseiller"] == "aucun":
            candidates = candidates.filter(Q(followup__isnull=True) | Q(followup__advisor__isnull=True))
        elif data["conseiller"]:
            candidates = candidates.filter(followup__advisor_id=int(data["conseiller"]))
        if data["situation"]:
            candidates = candidates.filter(situation=data["situation"])
        if data["commune"]:
            candidates = candidates.filter(commune=data["commune"])
        if data["metier"]:
            candidates = candidates.filter(occupation_codes__contains=[data["metier"].code])
        mobility = {
            "permis": Q(driving_licence=True),
            "vehicule": Q(has_vehicle=True),
            "sans_voiture": Q(has_vehicle=False),
        }.get(data["mobilite"])
        if mobility:
            candidates = candidates.filter(mobility)
        if data["contact"]:
            candidates = candidates.filter(_without_contact("followup__last_contact_at", data["contact"]))
        if data["etiquette"]:
            candidates = candidates.filter(followup__tags__contains=[data["etiquette"].strip().lower()])
        return candidates


class FollowUpForm(forms.Form):
    advisor = forms.ModelChoiceField(label=_("Conseiller"), queryset=User.objects.none(), required=False)
    status = forms.ChoiceField(label=_("Situation"), choices=FollowUpStatus.choices)
    tags = forms.CharField(
        label=_("Étiquettes"),
        required=False,
        max_length=400,
        help_text=_("Séparées par des virgules, par exemple : RSA, jeune, sans permis."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = advisors()

    def clean_tags(self):
        tags = [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]
        if any(len(tag) > 40 for tag in tags):
            raise forms.ValidationError(_("Une étiquette fait au plus 40 caractères."))
        return tags


class InteractionForm(forms.ModelForm):
    class Meta:
        model = Interaction
        fields = ["kind", "happened_at", "text"]
        widgets = {"happened_at": DATETIME, "text": forms.Textarea(attrs={"rows": 3})}

    def clean_happened_at(self):
        happened_at = self.cleaned_data["happened_at"]
        if happened_at > timezone.now() + datetime.timedelta(days=365):
            raise forms.ValidationError(_("Cette date est trop loin dans l'avenir."))
        return happened_at


class EmployerContactForm(InteractionForm):
    class Meta(InteractionForm.Meta):
        model = EmployerContact


class EmployerFilterForm(forms.Form):
    q = forms.CharField(label=_("Nom ou SIRET"), required=False, max_length=100)
    commune = forms.CharField(
        label=_("Commune"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"data-suggestions": reverse_lazy("api:communes"), "autocomplete": "off"}),
    )
    secteur = forms.ChoiceField(label=_("Secteur"), required=False, choices=[("", _("Tous")), *Sector.choices])
    contact = forms.ChoiceField(label=_("Dernier contact"), required=False, choices=NO_CONTACT_CHOICES)
    besoins = forms.BooleanField(label=_("Avec des besoins ouverts"), required=False)

    def clean_commune(self):
        text = self.cleaned_data["commune"]
        return resolve_commune(text, queryset=_communes()) if text.strip() else None

    def filter(self, employers):
        data = self.cleaned_data
        if data["q"]:
            words = data["q"].strip()
            employers = employers.filter(
                Q(name__unaccent__icontains=words) | Q(siret__startswith=words.replace(" ", ""))
            )
        if data["commune"]:
            employers = employers.filter(commune=data["commune"])
        if data["secteur"]:
            employers = employers.filter(sector=data["secteur"])
        if data["contact"]:
            employers = employers.filter(_without_contact("last_contact_at", data["contact"]))
        if data["besoins"]:
            employers = employers.filter(open_needs__gt=0)
        return employers
