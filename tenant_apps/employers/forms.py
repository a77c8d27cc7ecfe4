from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shared_apps.referentials.communes import resolve_commune
from tenant_apps.accounts.forms import PersonPasswordForm
from tenant_apps.accounts.models import User
from tenant_apps.employers.models import Employer, Membership
from tenant_apps.employers.services import duplicate_siret_message
from tenant_apps.employers.validators import clean_siret


class EmployerSignupForm(PersonPasswordForm):
    siret = forms.CharField(
        label=_("SIRET"), max_length=20, help_text=_("14 chiffres, sur votre Kbis ou votre avis Insee.")
    )
    name = forms.CharField(label=_("Raison sociale ou enseigne"), max_length=200)
    sector = Employer._meta.get_field("sector").formfield()
    commune = forms.CharField(
        label=_("Commune de l'établissement"), max_length=120, help_text=_("Nom ou code postal, par exemple Wormhout.")
    )
    address = forms.CharField(label=_("Adresse"), max_length=300, required=False)
    email = forms.EmailField(label=_("Votre adresse e-mail professionnelle"))

    field_order = ["siret", "name", "sector", "commune", "address", "first_name", "last_name", "email"]

    def clean_siret(self):
        siret = clean_siret(self.cleaned_data["siret"])
        if Employer.objects.filter(siret=siret).exists():
            raise ValidationError(duplicate_siret_message(siret), code="duplicate")
        return siret

    def clean_commune(self):
        return resolve_commune(self.cleaned_data["commune"])

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email=email).exists():
            raise ValidationError(
                _("Un compte existe déjà avec cette adresse : connectez-vous, ou utilisez une autre adresse."),
                code="duplicate",
            )
        return email

    def person(self) -> User:
        person = super().person()
        person.email = self.cleaned_data.get("email", "")
        return person

    def employer(self) -> Employer:
        data = self.cleaned_data
        return Employer(
            siret=data["siret"],
            name=data["name"],
            sector=data["sector"],
            commune=data["commune"],
            address=data["address"],
        )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail de votre collègue"))


class AlertPreferenceForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["application_alerts"]
        widgets = {"application_alerts": forms.RadioSelect}
