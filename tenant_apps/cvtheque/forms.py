from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from shared_apps.referentials.communes import resolve_commune
from shared_apps.referentials.occupations import resolve_occupation
from tenant_apps.cvtheque.search import CandidateCriteria
from tenant_apps.offers.enums import ContractType

MAX_RADIUS_KM = 100


class CandidateSearchForm(forms.Form):
    """The CVthèque search, in the query string (French parameter names)."""

    metier = forms.CharField(
        label=_("Métier"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"data-suggestions": reverse_lazy("api:job_titles"), "autocomplete": "off"}),
    )
    q = forms.CharField(
        label=_("Mots-clés"), required=False, max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )
    commune = forms.CharField(
        label=_("Autour de la commune"),
        required=False,
        max_length=120,
        help_text=_("Celle de l'offre ou de l'entreprise, par exemple."),
        widget=forms.TextInput(attrs={"data-suggestions": reverse_lazy("api:communes"), "autocomplete": "off"}),
    )
    rayon = forms.IntegerField(label=_("Distance maximale (km)"), required=False, min_value=1, max_value=MAX_RADIUS_KM)
    disponible = forms.DateField(
        label=_("Disponible au plus tard le"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    contrat = forms.ChoiceField(
        label=_("Contrat"), required=False, choices=[("", _("Peu importe")), *ContractType.choices]
    )
    permis = forms.BooleanField(label=_("Permis B"), required=False)
    vehicule = forms.BooleanField(label=_("Véhiculé"), required=False)

    def clean_metier(self):
        text = self.cleaned_data["metier"]
        return resolve_occupation(text) if text.strip() else None

    def clean_commune(self):
        text = self.cleaned_data["commune"]
        return resolve_commune(text) if text.strip() else None

    def clean(self):
        data = super().clean()
        if data.get("rayon") and not data.get("commune"):
            self.add_error("commune", ValidationError(_("Indiquez la commune autour de laquelle chercher.")))
        return data

    def criteria(self) -> CandidateCriteria:
        data = self.cleaned_data
        commune = data.get("commune")
        return CandidateCriteria(
            text=data.get("q", ""),
            occupation_code=data["metier"].code if data.get("metier") else "",
            latitude=commune.latitude if commune else None,
            longitude=commune.longitude if commune else None,
            radius_km=(data.get("rayon") or 20) if commune else None,
            available_by=data.get("disponible"),
            contract_type=data.get("contrat", ""),
            driving_licence=data.get("permis", False),
            has_vehicle=data.get("vehicule", False),
        )


class InvitationForm(forms.Form):
    offer = forms.TypedChoiceField(label=_("Offre"), coerce=int)
    message = forms.CharField(
        label=_("Votre message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Présentez le poste : la personne répond oui ou non depuis son espace."),
    )

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.offers = {offer.pk: offer for offer in offers}
        self.fields["offer"].choices = [(offer.pk, offer.title) for offer in offers]

    def clean_offer(self):
        return self.offers[self.cleaned_data["offer"]]
