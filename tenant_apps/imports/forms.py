"""One form per imported line: the same validation as the site's, with French column names."""

from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext_lazy as _

from shared_apps.referentials.communes import resolve_commune
from shared_apps.referentials.occupations import resolve_occupation
from tenant_apps.candidates.models import phone_validator
from tenant_apps.employers.enums import Sector
from tenant_apps.employers.models import Employer
from tenant_apps.imports.enums import ImportKind

MAX_SIZE = 2 * 1024 * 1024
YES = {"oui", "o", "yes", "y", "1", "x", "vrai"}
NO = {"non", "n", "no", "0", "", "faux"}


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Que contient le fichier ?"), choices=ImportKind.choices, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("Fichier CSV"),
        help_text=_("Encodé en UTF-8 (ou Windows), séparé par des points-virgules ou des virgules, 2 Mo au plus."),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_SIZE:
            raise ValidationError(_("Le fichier dépasse 2 Mo : découpez-le en plusieurs fichiers."))
        return uploaded


def _yes_no(value: str) -> bool:
    value = (value or "").strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValidationError(_("Répondez par oui ou non (lu : « %(value)s »)."), params={"value": value})


# The same commune or occupation is written on many lines: resolved once per import.
def resolvers():
    communes = connection.tenant.communes.all()
    return cache(lambda text: resolve_commune(text, queryset=communes)), cache(resolve_occupation)


class CandidateLineForm(forms.Form):
    email = forms.EmailField(max_length=254)
    prenom = forms.CharField(max_length=150)
    nom = forms.CharField(max_length=150)
    telephone = forms.CharField(max_length=20, required=False, validators=[phone_validator])
    commune = forms.CharField(max_length=120, required=False)
    metiers = forms.CharField(max_length=1000, required=False)
    permis = forms.CharField(max_length=20, required=False)
    vehicule = forms.CharField(max_length=20, required=False)
    disponible_le = forms.DateField(required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"])

    def __init__(self, *args, resolvers, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune_of, self.occupation_of = resolvers

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean_commune(self):
        text = self.cleaned_data["commune"].strip()
        return self.commune_of(text) if text else None

    def clean_metiers(self):
        texts = [text.strip() for text in self.cleaned_data["metiers"].split("|") if text.strip()]
        return [self.occupation_of(text) for text in texts]

    def clean_permis(self):
        return _yes_no(self.cleaned_data["permis"])

    def clean_vehicule(self):
        return _yes_no(self.cleaned_data["vehicule"])


class EmployerLineForm(forms.ModelForm):
    """The model's own validation (the SIRET's key, its uniqueness) under the file's names."""

    commune = forms.CharField(max_length=120)
    sector = forms.CharField(max_length=100)

    class Meta:
        model = Employer
        fields = ["siret", "name", "sector", "commune", "address"]

    def __init__(self, *args, resolvers, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune_of, _occupation_of = resolvers

    def clean_siret(self):
        return self.cleaned_data["siret"].replace(" ", "")

    def clean_sector(self):
        text = self.cleaned_data["sector"].strip().lower()
        for code, label in Sector.choices:
            if text in (code, str(label).lower()):
                return code
        raise ValidationError(
            _("Secteur inconnu : « %(value)s ». Valeurs possibles : %(codes)s."),
            params={"value": text, "codes": ", ".join(Sector.values)},
        )

    def clean_commune(self):
        return self.commune_of(self.cleaned_data["commune"])


# Column of the file → field of the form.
EMPLOYER_COLUMNS = {"siret": "siret", "nom": "name", "secteur": "sector", "commune": "commune", "adresse": "address"}
CANDIDATE_COLUMNS = {name: name for name in CandidateLineForm.base_fields}
