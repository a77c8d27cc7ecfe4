import re

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from shared_apps.billing.enums import SubscriptionStatus
from shared_apps.billing.models import Plan
from shared_apps.provider.enums import PortalState
from shared_apps.referentials.models import Epci
from shared_apps.referentials.text import normalize
from tenants.models import Domain, Territory, available_themes
from tenants.validators import validate_brand_colour, validate_hostname

# "CC des Hauts de Flandre (200040954)" as suggested, or the SIREN alone.
TRAILING_SIREN = re.compile(r"(\d{9})\)?\s*$")


def epci_label(epci: Epci) -> str:
    return f"{epci.name} ({epci.siren})"


class TerritoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Nom, SIREN ou domaine"), required=False)
    state = forms.ChoiceField(label=_("Statut"), required=False, choices=[("", _("Tous")), *PortalState.choices])
    plan = forms.ModelChoiceField(
        label=_("Formule"), required=False, queryset=Plan.objects.all(), empty_label=_("Toutes")
    )
    subscription = forms.ChoiceField(
        label=_("Abonnement"),
        required=False,
        choices=[("", _("Tous")), ("none", _("Sans abonnement")), *SubscriptionStatus.choices],
    )

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "search": data.get("q", ""),
            "state": data.get("state", ""),
            "plan": data["plan"].pk if data.get("plan") else None,
            "subscription": data.get("subscription", ""),
        }


class OnboardingForm(forms.Form):
    epci = forms.CharField(
        label=_("Intercommunalité (nom ou SIREN)"),
        max_length=200,
        help_text=_("Tapez le nom pour voir des suggestions, ou le numéro SIREN à 9 chiffres."),
        widget=forms.TextInput(
            attrs={"data-suggestions": reverse_lazy("console:epci"), "data-suggestions-credentials": "same-origin"}
        ),
    )
    domain = forms.CharField(
        label=_("Domaine du portail"), max_length=253, help_text=_("Par exemple emploi.ma-communaute.fr")
    )
    admin_email = forms.EmailField(label=_("E-mail du premier administrateur"))
    theme = forms.ChoiceField(label=_("Thème"), choices=())
    primary_color = forms.CharField(
        label=_("Couleur principale"),
        initial="#1d4f91",
        validators=[validate_brand_colour],
        help_text=_("Fond de l'en-tête et des boutons, texte blanc : contraste 4,5:1 au moins."),
        widget=forms.TextInput(attrs={"type": "color"}),
    )
    plan = forms.ModelChoiceField(
        label=_("Formule"),
        queryset=Plan.objects.filter(is_active=True),
        required=False,
        empty_label=_("Selon la population (tranche de la formule)"),
        help_text=_("La formule que l'administrateur du territoire souscrira sur son portail."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [(name, name) for name in available_themes()]

    def clean_epci(self) -> Epci:
        typed = self.cleaned_data["epci"].strip()
        if match := TRAILING_SIREN.search(typed):
            epci = Epci.objects.filter(siren=match.group(1)).first()
        else:
            named = list(Epci.objects.filter(search_name=normalize(typed))[:2])
            epci = named[0] if len(named) == 1 else None
        if epci is None:
            raise ValidationError(
                _("Aucune intercommunalité ne correspond à « %(typed)s » : choisissez une suggestion, ou le SIREN."),
                params={"typed": typed},
                code="unknown",
            )
        if existing := Territory.objects.filter(epci_siren=epci.siren).first():
            raise ValidationError(_("%(name)s a déjà son portail."), params={"name": existing.name}, code="exists")
        return epci

    def clean_domain(self) -> str:
        return clean_new_hostname(self.cleaned_data["domain"])


def clean_new_hostname(value: str) -> str:
    hostname = value.strip().lower()
    validate_hostname(hostname)
    if Domain.objects.filter(domain=hostname).exists():
        raise ValidationError(_("Le domaine %(domain)s est déjà utilisé."), params={"domain": hostname}, code="taken")
    return hostname


class DomainForm(forms.Form):
    domain = forms.CharField(label=_("Nouveau domaine"), max_length=253)
    primary = forms.BooleanField(label=_("En faire le domaine principal (liens et e-mails du portail)"), required=False)

    def clean_domain(self) -> str:
        return clean_new_hostname(self.cleaned_data["domain"])


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Motif"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
