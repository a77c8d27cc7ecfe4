from django import forms
from django.db import connection
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from shared_apps.referentials.communes import commune_label, resolve_commune
from tenant_apps.employers.models import Employer
from tenant_apps.forums.models import Forum, Participant, Registration
from tenant_apps.offers.models import Offer

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ForumForm(forms.ModelForm):
    commune = forms.CharField(
        label=_("Commune"),
        max_length=120,
        help_text=_("Nom ou code postal."),
        widget=forms.TextInput(attrs={"data-suggestions": reverse_lazy("api:communes")}),
    )

    class Meta:
        model = Forum
        fields = ["title", "starts_at", "ends_at", "place", "address", "commune", "description", "registration_open"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME, "description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["commune"] = commune_label(self.instance.commune)

    def clean_commune(self):
        return resolve_commune(self.cleaned_data["commune"], queryset=connection.tenant.communes.all())

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("La fin doit être après le début."))
        return data


class ParticipantForm(forms.Form):
    employer = forms.ModelChoiceField(label=_("Employeur"), queryset=Employer.objects.order_by("name"))
    stand = forms.CharField(label=_("Stand"), max_length=50, required=False)


class ParticipantOffersForm(forms.Form):
    """The offers an employer brings: its published ones."""

    offers = forms.ModelMultipleChoiceField(
        label=_("Offres présentées"), queryset=Offer.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, participant: Participant, **kwargs):
        kwargs.setdefault("initial", {"offers": participant.offers.all()})
        super().__init__(*args, **kwargs)
        self.fields["offers"].queryset = Offer.objects.published().filter(employer=participant.employer_id)


class RegistrationForm(forms.Form):
    employers = forms.ModelMultipleChoiceField(
        label=_("Les employeurs que vous voulez rencontrer"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Facultatif : ils sauront que vous venez les voir."),
    )

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employers"].queryset = forum.participants.select_related("employer")
        self.fields["employers"].label_from_instance = lambda participant: participant.employer.name


class CandidateLookupForm(forms.Form):
    q = forms.CharField(label=_("Nom, prénom ou e-mail de la personne"), max_length=100, min_length=2)


class CreditHireForm(forms.Form):
    registration = forms.ModelChoiceField(label=_("Personne recrutée"), queryset=Registration.objects.none())
    participant = forms.ModelChoiceField(label=_("Employeur"), queryset=Participant.objects.none())
    hired_on = forms.DateField(
        label=_("Date d'embauche"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, forum: Forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = forum.registrations.filter(attended_at__isnull=False).select_related(
            "candidate__user"
        )
        self.fields["registration"].label_from_instance = lambda registration: str(registration.candidate)
        self.fields["participant"].queryset = forum.participants.select_related("employer")
        self.fields["participant"].label_from_instance = lambda participant: participant.employer.name
