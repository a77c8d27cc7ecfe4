from django import forms
from django.utils.translation import gettext_lazy as _

from tenant_apps.cvtheque.forms import MAX_RADIUS_KM

DEFAULT_RADIUS_KM = 20


class MatchForm(forms.Form):
    """What the advisor narrows the candidates of an offer with (query string)."""

    rayon = forms.IntegerField(
        label=_("Distance maximale de l'offre (km)"), min_value=1, max_value=MAX_RADIUS_KM, initial=DEFAULT_RADIUS_KM
    )
    disponible = forms.DateField(
        label=_("Disponible au plus tard le"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    q = forms.CharField(
        label=_("Mots-clés (compétences, expériences)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class ProposeForm(forms.Form):
    candidates = forms.ModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple)
    message = forms.CharField(
        label=_("Message à l'employeur"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Pourquoi ces personnes : l'employeur le lit avec chaque profil."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidates"].queryset = candidates
        self.fields["candidates"].error_messages["required"] = _("Choisissez au moins une personne à proposer.")


class AnswerForm(forms.Form):
    reason = forms.CharField(
        label=_("Un mot pour le conseiller (facultatif)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
