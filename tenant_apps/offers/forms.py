from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from shared_apps.referentials.communes import commune_label, resolve_commune
from shared_apps.referentials.models import Commune, Occupation
from shared_apps.referentials.occupations import occupation_label, resolve_occupation
from tenant_apps.employers.models import Employer
from tenant_apps.offers.enums import ApplicationMethod, ContractType, WorkingTime
from tenant_apps.offers.models import Offer
from tenant_apps.offers.richtext import validate_description
from tenant_apps.offers.search import Criteria, Sort


def workplace_communes():
    """The communes an offer of this territory may be in: its own and those of the
    territories it shares offers with, either way."""
    territory = connection.tenant
    territory_ids = {territory.pk}
    territory_ids |= set(territory.shares_offers_with.values_list("pk", flat=True))
    territory_ids |= set(territory.receives_offers_from.values_list("pk", flat=True))
    return Commune.objects.filter(territories__in=territory_ids).distinct()


class OfferForm(forms.ModelForm):
    occupation = forms.CharField(
        label=_("Métier"),
        max_length=200,
        help_text=_("Un intitulé du répertoire des métiers, par exemple « Cariste »."),
    )
    commune = forms.CharField(label=_("Commune du lieu de travail"), max_length=120, help_text=_("Nom ou code postal."))
    description = forms.CharField(
        label=_("Description du poste"),
        widget=forms.Textarea(attrs={"rows": 10}),
        validators=[validate_description],
        help_text=_("Missions, horaires, environnement. Une ligne vide sépare les paragraphes ; « - » fait une liste."),
    )

    # A site typed without its scheme is taken as https (Django 6's default).
    application_url = forms.URLField(
        label=Offer._meta.get_field("application_url").verbose_name.capitalize(), required=False, assume_scheme="https"
    )

    class Meta:
        model = Offer
        fields = [
            "title",
            "occupation",
            "description",
            "contract_type",
            "working_time",
            "hours_per_week",
            "salary_min",
            "salary_max",
            "salary_period",
            "commune",
            "address",
            "start_date",
            "end_date",
            "positions",
            "driving_licence_required",
            "vehicle_required",
            "qualifications",
            "reachable_without_car",
            "remote_work",
            "application_method",
            "application_url",
            "application_email",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "qualifications": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["occupation"] = occupation_label(self.instance.occupation)
            self.initial["commune"] = commune_label(self.instance.commune)

    def clean_occupation(self):
        return resolve_occupation(self.cleaned_data["occupation"])

    def clean_commune(self):
        text = self.cleaned_data["commune"]
        try:
            return resolve_commune(text, queryset=workplace_communes())
        except ValidationError as error:
            if error.code != "unknown":
                raise
            try:
                outside = resolve_commune(text)
            except ValidationError:
                raise error from None
            raise ValidationError(
                _("%(commune)s n'est ni dans le territoire ni chez un voisin qui partage ses offres."),
                params={"commune": commune_label(outside)},
                code="outside",
            ) from None

    def clean(self):
        data = super().clean()
        salary_min, salary_max = data.get("salary_min"), data.get("salary_max")
        if salary_min is not None and salary_max is not None and salary_min > salary_max:
            self.add_error("salary_max", _("Le salaire maximum doit être supérieur ou égal au minimum."))
        if (salary_min is not None or salary_max is not None) and not data.get("salary_period"):
            self.add_error("salary_period", _("Précisez si le salaire est horaire, mensuel ou annuel."))
        for amount in ("salary_min", "salary_max"):
            if data.get(amount) is not None and data[amount] <= 0:
                self.add_error(amount, _("Indiquez un montant positif."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("La date de fin doit suivre la date de début."))
        if data.get("working_time") == WorkingTime.PART_TIME and not data.get("hours_per_week"):
            self.add_error("hours_per_week", _("Indiquez le nombre d'heures par semaine d'un temps partiel."))
        if data.get("contract_type") == ContractType.CDI and end:
            self.add_error("end_date", _("Un CDI n'a pas de date de fin."))
        method = data.get("application_method")
        if method == ApplicationMethod.URL and not data.get("application_url"):
            self.add_error("application_url", _("Indiquez l'adresse du site où postuler."))
        if method == ApplicationMethod.EMAIL and not data.get("application_email"):
            self.add_error("application_email", _("Indiquez l'adresse e-mail où envoyer les candidatures."))
        return data


class OfferOnBehalfForm(OfferForm):
    """An advisor or a partner posts an employer's recruitment need."""

    employer = forms.ModelChoiceField(
        label=_("Employeur"), queryset=Employer.objects.order_by("name"), empty_label=_("Choisissez l'employeur")
    )

    class Meta(OfferForm.Meta):
        fields = ["employer", *OfferForm.Meta.fields]


POSTED_WITHIN_CHOICES = [
    ("", _("Peu importe")),
    ("1", _("Depuis hier")),
    ("3", _("Depuis 3 jours")),
    ("7", _("Depuis une semaine")),
    ("30", _("Depuis un mois")),
]
SORT_CHOICES = [
    ("", _("Automatique")),
    (Sort.RELEVANCE, _("Pertinence")),
    (Sort.DISTANCE, _("Distance")),
    (Sort.DATE, _("Date de publication")),
]
MAX_RADIUS_KM = 100


def occupation_domain_choices():
    domains = Occupation.objects.values_list("domain_code", "domain_label").distinct().order_by("domain_code")
    return [("", _("Tous les domaines")), *domains]


class SearchForm(forms.Form):
    """The public search, in the query string (shareable URLs, French parameter names)."""

    q = forms.CharField(
        label=_("Métier, mot-clé"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "data-suggestions": reverse_lazy("api:job_titles")}),
    )
    commune = forms.CharField(
        label=_("Autour de la commune"),
        required=False,
        max_length=120,
        help_text=_("Nom ou code postal."),
        widget=forms.TextInput(attrs={"data-suggestions": reverse_lazy("api:communes")}),
    )
    rayon = forms.IntegerField(
        label=_("Distance maximale (km)"),
        required=False,
        min_value=1,
        max_value=MAX_RADIUS_KM,
        error_messages={
            "min_value": _("La distance doit être d'au moins 1 km."),
            "max_value": _("La distance ne peut dépasser %(limit_value)s km."),
        },
    )
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    contrat = forms.MultipleChoiceField(
        label=_("Type de contrat"), required=False, choices=ContractType.choices, widget=forms.CheckboxSelectMultiple
    )
    temps = forms.ChoiceField(
        label=_("Temps de travail"), required=False, choices=[("", _("Peu importe")), *WorkingTime.choices]
    )
    depuis = forms.ChoiceField(label=_("Publiée"), required=False, choices=POSTED_WITHIN_CHOICES)
    domaine = forms.ChoiceField(label=_("Domaine"), required=False)
    sans_voiture = forms.BooleanField(label=_("Accessible sans voiture"), required=False)
    tri = forms.ChoiceField(label=_("Trier par"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, default_radius_km: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_radius_km = default_radius_km
        self.fields["rayon"].widget.attrs["placeholder"] = str(default_radius_km)
        self.fields["domaine"].choices = occupation_domain_choices()

    def clean_commune(self):
        text = self.cleaned_data["commune"]
        return resolve_commune(text) if text.strip() else None

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise ValidationError(_("Position incomplète : relancez « Autour de moi »."))
        return data

    def criteria(self) -> Criteria:
        data = self.cleaned_data
        latitude, longitude = data.get("lat"), data.get("lon")
        if data.get("commune"):
            latitude, longitude = data["commune"].latitude, data["commune"].longitude
        has_position = latitude is not None
        return Criteria(
            text=data.get("q", ""),
            latitude=latitude,
            longitude=longitude,
            radius_km=(data.get("rayon") or self.default_radius_km) if has_position else None,
            contract_types=data.get("contrat", []),
            working_time=data.get("temps", ""),
            posted_within_days=int(data["depuis"]) if data.get("depuis") else None,
            domain=data.get("domaine", ""),
            without_car=data.get("sans_voiture", False),
            sort=data.get("tri", ""),
        )


class WidgetForm(forms.Form):
    """The options a commune's website puts in the widget's address."""

    commune = forms.CharField(max_length=120)
    rayon = forms.IntegerField(required=False, min_value=1, max_value=MAX_RADIUS_KM)
    nombre = forms.IntegerField(required=False, min_value=1, max_value=20)

    def clean_commune(self):
        return resolve_commune(self.cleaned_data["commune"])
