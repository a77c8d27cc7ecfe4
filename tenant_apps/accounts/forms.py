from django import forms
from django.contrib.auth.forms import SetPasswordMixin
from django.utils.translation import gettext_lazy as _

from tenant_apps.accounts.enums import TERRITORY_STAFF_ROLES, Role
from tenant_apps.accounts.models import User
from tenant_apps.partners.models import PartnerOrganisation


class PersonPasswordForm(SetPasswordMixin, forms.Form):
    """Name and a new password, checked against the validators with the person's details."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    password1, password2 = SetPasswordMixin.create_password_fields(_("Mot de passe"), _("Confirmation"))

    def person(self) -> User:
        """An unsaved user, for the similarity check of the password validators."""
        return User(
            first_name=self.cleaned_data.get("first_name", ""), last_name=self.cleaned_data.get("last_name", "")
        )

    def clean(self):
        cleaned_data = super().clean()
        self.validate_passwords()
        self.validate_password_for_user(self.person())
        return cleaned_data


class SecondFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false", "size": 10}
        ),
    )

    def __init__(self, *args, backup_codes_accepted=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = (
            _("Les 6 chiffres affichés par votre application, ou l'un de vos codes de secours.")
            if backup_codes_accepted
            else _("Les 6 chiffres affichés par votre application.")
        )


def _staff_role_choices():
    return [(role.value, role.label) for role in TERRITORY_STAFF_ROLES]


class StaffRoleForm(forms.Form):
    """A team member's role, and for a partner, their organisation."""

    role = forms.ChoiceField(label=_("Rôle"), choices=_staff_role_choices)
    organisation = forms.ModelChoiceField(
        label=_("Structure partenaire"),
        queryset=PartnerOrganisation.objects.order_by("name"),
        required=False,
        empty_label=_("—"),
        help_text=_("Pour un partenaire seulement."),
    )

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.PARTNER:
            if data.get("organisation") is None:
                self.add_error("organisation", _("Choisissez la structure du partenaire."))
        else:
            data["organisation"] = None  # only partners belong to an organisation
        return data


class StaffInvitationForm(StaffRoleForm):
    email = forms.EmailField(label=_("Adresse e-mail"), widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)

    field_order = ["email", "first_name", "last_name", "role", "organisation"]

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        existing = User.objects.filter(email=email).only("role").first()
        if existing is None:
            return email
        if existing.role in (Role.CANDIDATE, Role.RECRUITER):
            raise forms.ValidationError(
                _(
                    "Cette adresse est celle d'un compte candidat ou recruteur du portail : "
                    "un membre de l'équipe a besoin d'une autre adresse, professionnelle."
                ),
                code="taken_by_public_account",
            )
        raise forms.ValidationError(_("Un membre de l'équipe a déjà cette adresse."), code="duplicate")
