from django import forms
from django.contrib.auth.forms import SetPasswordMixin
from django.utils.translation import gettext_lazy as _

from tenant_apps.accounts.models import User


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
