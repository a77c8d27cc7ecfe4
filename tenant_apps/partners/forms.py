from django import forms

from tenant_apps.partners.models import PartnerOrganisation
from tenant_apps.statistics.forms import StatisticsFilterForm


class PartnerOrganisationForm(forms.ModelForm):
    class Meta:
        model = PartnerOrganisation
        fields = ["name", "kind", "contact_email", "contact_phone", "can_post_offers", "can_search_cvtheque"]
        widgets = {"contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}


class PeriodForm(StatisticsFilterForm):
    """The territory's statistics period (same defaults and limits), without the commune."""

    def __init__(self, data=None):
        super().__init__(data)
        del self.fields["commune"]
