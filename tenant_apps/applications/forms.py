from django import forms
from django.utils.translation import gettext_lazy as _

from tenant_apps.applications.enums import HireSource
from tenant_apps.candidates.enums import CvKind


class ApplyForm(forms.Form):
    message = forms.CharField(
        label=_("Votre message au recruteur"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Pourquoi ce poste vous intéresse, vos disponibilités (facultatif)."),
    )
    cv_kind = forms.ChoiceField(label=_("CV à envoyer"), choices=CvKind.choices, widget=forms.RadioSelect)

    def __init__(self, *args, candidate, **kwargs):
        super().__init__(*args, **kwargs)
        if not candidate.cv_file:
            self.fields["cv_kind"].choices = [(CvKind.GENERATED, CvKind.GENERATED.label)]
        self.initial.setdefault("cv_kind", CvKind.UPLOADED if candidate.cv_file else CvKind.GENERATED)


class TransitionForm(forms.Form):
    reason = forms.CharField(
        label=_("Message au candidat (facultatif)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    hired_on = forms.DateField(
        label=_("Date d'embauche"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note interne"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ExternalHireForm(forms.Form):
    """A recruiter reports a position filled without an application on the portal."""

    source = forms.ChoiceField(
        label=_("La personne recrutée vient"),
        choices=[(HireSource.ADVISOR, HireSource.ADVISOR.label), (HireSource.ELSEWHERE, HireSource.ELSEWHERE.label)],
    )
    hired_on = forms.DateField(
        label=_("Date d'embauche"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
