from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User
from tenants.models import Territory


class AdminChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.email


class GrantForm(forms.Form):
    """A grant given from the console: one territory, or a département's territories."""

    user = AdminChoiceField(
        label=_("Administrateur multi-territoires"),
        queryset=User.objects.filter(role=Role.CROSS_TERRITORY_ADMIN, is_active=True).order_by("email"),
        help_text=_("Le compte se crée dans l'administration Django du site du fournisseur, avec ce rôle."),
    )
    territory = forms.ModelChoiceField(
        label=_("Territoire"), queryset=Territory.objects.portals(), required=False, empty_label=_("—")
    )
    department = forms.CharField(
        label=_("ou département (code)"),
        max_length=3,
        required=False,
        help_text=_("Tous les territoires qui ont une commune dans ce département, y compris ceux créés ensuite."),
    )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("territory")) == bool(cleaned.get("department", "").strip()):
            raise ValidationError(_("Choisissez un territoire ou un département, pas les deux."), code="scope")
        return cleaned
