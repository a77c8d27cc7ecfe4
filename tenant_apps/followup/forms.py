import datetime

from django import forms
from django.db import connection
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform.periods import check_order, day_field, on_days
from shared_apps.referentials.communes import resolve_commune
from shared_apps.referentials.occupations import resolve_occupation
from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenant_apps.applications.enums import ApplicationStatus
from tenant_apps.employers.enums import Sector
from tenant_apps.followup.enums import ApplicationOrigin, FollowUpStatus
from tenant_apps.followup.models import EmployerContact, Interaction
from tenant_apps.offers.enums import ContractType, OfferSource, OfferStatus

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


def commune_field():
    return forms.CharField(
        label=_("Commune"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"data-suggestions": reverse_lazy("api:communes"), "autocomplete": "off"}),
    )


class CommuneFilter:
    """A commune typed as a name or postal code, resolved among the territory's communes."""

    def clean_commune(self):
        text = self.cleaned_data["commune"]
        return resolve_commune(text, queryset=_communes()) if text.strip() else None


class PortfolioForm(CommuneFilter, forms.Form):
    """The candidates an advisor looks at (query string, French names: shareable)."""

    q = forms.CharField(label=_("Nom ou e-mail"), required=False, max_length=100)
    conseiller = forms.ChoiceField(label=_("Conseiller"), required=False)
    situation = forms.ChoiceField(
        label=_("Situation"), required=False, choices=[("", _("Toutes")), *FollowUpStatus.choices]
    )
    commune = commune_field()
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


class EmployerFilterForm(CommuneFilter, forms.Form):
    q = forms.CharField(label=_("Nom ou SIRET"), required=False, max_length=100)
    commune = commune_field()
    secteur = forms.ChoiceField(label=_("Secteur"), required=False, choices=[("", _("Tous")), *Sector.choices])
    contact = forms.ChoiceField(label=_("Dernier contact"), required=False, choices=NO_CONTACT_CHOICES)
    besoins = forms.BooleanField(label=_("Avec des besoins ouverts"), required=False)

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


class OfferFilterForm(CommuneFilter, forms.Form):
    """The territory's offers an advisor looks at (query string, French names: shareable)."""

    etat = forms.ChoiceField(label=_("État"), required=False, choices=[("", _("Tous")), *OfferStatus.choices])
    employeur = forms.CharField(label=_("Employeur"), required=False, max_length=100)
    commune = commune_field()
    contrat = forms.ChoiceField(
        label=_("Type de contrat"), required=False, choices=[("", _("Tous")), *ContractType.choices]
    )
    origine = forms.ChoiceField(label=_("Origine"), required=False, choices=[("", _("Toutes")), *OfferSource.choices])
    publiee_depuis = day_field(_("Publiée depuis le"))
    publiee_jusqu_au = day_field(_("Publiée jusqu'au"))

    def clean(self):
        cleaned = super().clean()
        check_order(self, "publiee_depuis", "publiee_jusqu_au")
        return cleaned

    def filter(self, offers):
        data = self.cleaned_data
        if data["etat"]:
            offers = offers.filter(status=data["etat"])
        if data["employeur"]:
            offers = offers.filter(employer__name__unaccent__icontains=data["employeur"].strip())
        if data["commune"]:
            offers = offers.filter(commune=data["commune"])
        if data["contrat"]:
            offers = offers.filter(contract_type=data["contrat"])
        if data["origine"]:
            offers = offers.filter(source=data["origine"])
        return offers.filter(on_days("published_at", data["publiee_depuis"], data["publiee_jusqu_au"]))


class ApplicationFilterForm(forms.Form):
    """The territory's applications an advisor looks at (query string, French names: shareable)."""

    etat = forms.ChoiceField(label=_("État"), required=False, choices=[("", _("Tous")), *ApplicationStatus.choices])
    offre = forms.CharField(label=_("Offre ou employeur"), required=False, max_length=100)
    candidat = forms.CharField(label=_("Candidat"), required=False, max_length=100)
    origine = forms.ChoiceField(
        label=_("Origine"), required=False, choices=[("", _("Toutes")), *ApplicationOrigin.choices]
    )
    depuis = day_field(_("Envoyée depuis le"))
    jusqu_au = day_field(_("Envoyée jusqu'au"))

    def clean(self):
        cleaned = super().clean()
        check_order(self, "depuis", "jusqu_au")
        return cleaned

    def filter(self, applications):
        data = self.cleaned_data
        if data["etat"]:
            applications = applications.filter(status=data["etat"])
        if data["offre"]:
            words = data["offre"].strip()
            applications = applications.filter(
                Q(offer__title__unaccent__icontains=words) | Q(offer__employer__name__unaccent__icontains=words)
            )
        if data["candidat"]:
            # An erased candidate has no name left: they never match.
            words = data["candidat"].strip()
            applications = applications.filter(
                Q(candidate__user__last_name__unaccent__icontains=words)
                | Q(candidate__user__first_name__unaccent__icontains=words)
            )
        if data["origine"]:
            applications = applications.filter(origin=data["origine"])
        return applications.filter(on_days("created_at", data["depuis"], data["jusqu_au"]))
