from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext_lazy as _

from shared_apps.referentials.communes import commune_label, resolve_commune
from shared_apps.referentials.models import Commune
from shared_apps.referentials.occupations import occupation_label, resolve_occupation
from tenant_apps.offers.enums import ApplicationMethod, ContractType, WorkingTime
from tenant_apps.offers.models import Offer
from tenant_apps.offers.richtext import validate_description


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
