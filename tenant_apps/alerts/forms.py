from django import forms
from django.utils.translation import gettext_lazy as _

from tenant_apps.alerts.enums import Frequency
from tenant_apps.alerts.models import Alert


class AlertForm(forms.Form):
    """Saved from the search page: its criteria come with the form (see views.create)."""

    email = forms.EmailField(label=_("Votre adresse e-mail"), required=False)
    frequency = forms.ChoiceField(label=_("Fréquence"), choices=Frequency.choices, initial=Frequency.DAILY)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and user.is_authenticated:
            del self.fields["email"]
        else:
            self.fields["email"].required = True


class FrequencyForm(forms.ModelForm):
    class Meta:
        model = Alert
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect}
