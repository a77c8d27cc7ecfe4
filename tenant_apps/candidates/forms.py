from django import forms
from django.contrib.auth.forms import SetPasswordMixin
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from shared_apps.referentials.communes import commune_label, resolve_commune
from shared_apps.referentials.occupations import occupation_label, resolve_occupation
from tenant_apps.accounts.forms import PersonPasswordForm
from tenant_apps.accounts.models import User
from tenant_apps.candidates.enums import ConsentMethod, ProfileStep
from tenant_apps.candidates.models import Candidate, Experience, Training, phone_validator
from tenant_apps.offers.enums import ContractType
from tenant_apps.partners.models import PartnerOrganisation

MAX_OCCUPATIONS = 3
MAX_LIST_ITEMS = 20


class CandidateSignupForm(PersonPasswordForm):
    email = forms.EmailField(label=_("Adresse e-mail"))
    phone = forms.CharField(
        label=_("Téléphone"),
        max_length=20,
        required=False,
        validators=[phone_validator],
        help_text=_("Facultatif : les recruteurs et votre conseiller pourront vous appeler."),
    )

    field_order = ["first_name", "last_name", "email", "phone"]

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


class ErasureForm(forms.Form):
    password = forms.CharField(
        label=_("Votre mot de passe, pour confirmer"), strip=False, widget=forms.PasswordInput(render_value=False)
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Mot de passe incorrect."), code="password_incorrect")
        return password


class HomeForm(forms.ModelForm):
    commune = forms.CharField(
        label=_("Commune de résidence"),
        max_length=120,
        help_text=_("Nom ou code postal, par exemple Wormhout."),
        widget=forms.TextInput(attrs={"data-suggestions": reverse_lazy("api:communes"), "autocomplete": "off"}),
    )

    class Meta:
        model = Candidate
        fields = ["commune", "phone", "driving_licence", "has_vehicle", "max_travel_km", "public_transport_only"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.commune_id:
            self.initial["commune"] = commune_label(self.instance.commune)

    def clean_commune(self):
        return resolve_commune(self.cleaned_data["commune"])

    def clean(self):
        data = super().clean()
        if data.get("has_vehicle") and data.get("public_transport_only"):
            self.add_error(
                "public_transport_only",
                _("Vous avez indiqué un véhicule : décochez « uniquement en transports » ou le véhicule."),
            )
        return data


class WishesForm(forms.ModelForm):
    occupation_1 = forms.CharField(
        label=_("Métier recherché"),
        max_length=200,
        help_text=_("Un intitulé de métier, par exemple « Aide-soignant »."),
        widget=forms.TextInput(attrs={"data-suggestions": reverse_lazy("api:job_titles"), "autocomplete": "off"}),
    )
    occupation_2 = forms.CharField(
        label=_("Autre métier (facultatif)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"data-suggestions": reverse_lazy("api:job_titles"), "autocomplete": "off"}),
    )
    occupation_3 = forms.CharField(
        label=_("Autre métier (facultatif)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"data-suggestions": reverse_lazy("api:job_titles"), "autocomplete": "off"}),
    )
    contract_types = forms.MultipleChoiceField(
        label=_("Contrats recherchés"),
        required=False,
        choices=ContractType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucun coché : tous les contrats vous intéressent."),
    )

    class Meta:
        model = Candidate
        fields = ["contract_types", "working_time", "available_from", "support_organisation"]
        widgets = {"available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {"support_organisation": _("Structure qui vous accompagne")}
        help_texts = {
            "support_organisation": _(
                "Facultatif : la mission locale, l'agence ou l'association qui vous suit dans votre recherche. "
                "Elle verra votre profil et vos candidatures."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_time"].choices = [("", _("Peu importe")), *self.fields["working_time"].choices[1:]]
        self.fields["support_organisation"].queryset = PartnerOrganisation.objects.order_by("name")
        self.fields["support_organisation"].empty_label = _("Aucune")
        if self.instance.pk:
            for index, occupation in enumerate(self.instance.occupations.order_by("code")[:MAX_OCCUPATIONS], 1):
                self.initial[f"occupation_{index}"] = occupation_label(occupation)

    def _clean_occupation(self, name):
        text = self.cleaned_data.get(name, "")
        return resolve_occupation(text) if text.strip() else None

    def clean_occupation_1(self):
        return self._clean_occupation("occupation_1")

    def clean_occupation_2(self):
        return self._clean_occupation("occupation_2")

    def clean_occupation_3(self):
        return self._clean_occupation("occupation_3")

    def occupations(self) -> list:
        chosen = [self.cleaned_data.get(f"occupation_{index}") for index in range(1, MAX_OCCUPATIONS + 1)]
        return list({occupation.pk: occupation for occupation in chosen if occupation}.values())


class LinesField(forms.CharField):
    """A list typed one item per line (skills, languages): easy on a phone."""

    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value):
        lines = [line.strip(" -•\t") for line in (value or "").splitlines()]
        return [line for line in lines if line]

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_LIST_ITEMS:
            raise ValidationError(_("%(count)s lignes au plus."), params={"count": MAX_LIST_ITEMS}, code="too_many")
        for line in value:
            if len(line) > 100:
                raise ValidationError(
                    _("« %(line)s… » est trop long : 100 caractères par ligne au plus."),
                    params={"line": line[:30]},
                    code="too_long",
                )


class SkillsForm(forms.ModelForm):
    skills = LinesField(
        label=_("Compétences"), required=False, help_text=_("Une par ligne, par exemple « Conduite de chariot ».")
    )
    languages = LinesField(
        label=_("Langues"),
        required=False,
        help_text=_("Une par ligne, avec le niveau, par exemple « Anglais : bon »."),
    )

    class Meta:
        model = Candidate
        fields = ["skills", "languages"]


class PresentationForm(forms.ModelForm):
    class Meta:
        model = Candidate
        fields = ["presentation"]
        widgets = {"presentation": forms.Textarea(attrs={"rows": 8, "maxlength": 2000})}
        help_texts = {"presentation": _("Quelques lignes sur vous et ce que vous cherchez (2 000 caractères au plus).")}


class CvForm(forms.ModelForm):
    cv = forms.FileField(
        label=_("Déposer un CV (PDF, 5 Mo au plus)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        help_text=_("Sans CV déposé, un CV est créé à partir de votre profil."),
    )
    remove_cv = forms.BooleanField(label=_("Supprimer le CV déposé"), required=False)

    class Meta:
        model = Candidate
        fields = ["cvtheque_visible", "hide_contact"]
        help_texts = {
            "cvtheque_visible": _(
                "Les recruteurs du territoire et les conseillers pourront trouver votre profil et vous proposer "
                "des offres. Vous pouvez changer d'avis à tout moment."
            )
        }


class ExperienceForm(forms.ModelForm):
    class Meta:
        model = Experience
        fields = ["title", "organisation", "place", "start_year", "end_year", "description"]
        widgets = {
            "start_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "end_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("L'année de fin doit suivre l'année de début."))
        return data


class TrainingForm(forms.ModelForm):
    class Meta:
        model = Training
        fields = ["title", "organisation", "year", "description"]
        widgets = {
            "year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "description": forms.Textarea(attrs={"rows": 2}),
        }


ExperienceFormSet = forms.inlineformset_factory(
    Candidate, Experience, form=ExperienceForm, extra=1, can_delete=True, max_num=20, validate_max=True
)
TrainingFormSet = forms.inlineformset_factory(
    Candidate, Training, form=TrainingForm, extra=1, can_delete=True, max_num=20, validate_max=True
)

STEP_FORMS = {
    ProfileStep.HOME: HomeForm,
    ProfileStep.WISHES: WishesForm,
    ProfileStep.EXPERIENCES: ExperienceFormSet,
    ProfileStep.TRAININGS: TrainingFormSet,
    ProfileStep.SKILLS: SkillsForm,
    ProfileStep.PRESENTATION: PresentationForm,
    ProfileStep.CV: CvForm,
}


# Assisted mode: the agent's short form is these two, with HomeForm and WishesForm.


class AssistedIdentityForm(forms.ModelForm):
    """The person's name and, if they have one, their address (where the activation link goes)."""

    email = forms.EmailField(
        label=_("Adresse e-mail"),
        required=False,
        help_text=_("Facultatif. Sans adresse, imprimez ensuite la fiche avec un code d'activation."),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self._meta.fields:
            self.fields[name].required = True

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if email and User.objects.filter(email=email).exists():
            raise ValidationError(_("Un compte existe déjà avec cette adresse."), code="duplicate")
        return email


class AssistedConsentForm(forms.ModelForm):
    """The CVthèque question asked out loud (no answer is pre-selected) and how the person agreed."""

    cvtheque_visible = forms.TypedChoiceField(
        label=_("La personne veut-elle être visible des recruteurs dans la CVthèque ?"),
        choices=[("yes", _("Oui")), ("no", _("Non"))],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        help_text=_("Posez-lui la question : les recruteurs du territoire pourront trouver son profil."),
        error_messages={"required": _("Posez la question et cochez sa réponse.")},
    )
    consent_method = forms.ChoiceField(
        label=_("Consentement de la personne à la création de son compte"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Candidate
        fields = ["hide_contact"]


class TakeoverCodeForm(SetPasswordMixin, forms.Form):
    """What the person of a printed sheet types to take their account over."""

    file_number = forms.IntegerField(
        label=_("Numéro de dossier"),
        min_value=1,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    code = forms.CharField(
        label=_("Code d'activation"),
        max_length=20,
        help_text=_("Les 8 caractères de la fiche, par exemple ABCD-EFGH."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}),
    )
    email = forms.EmailField(
        label=_("Votre adresse e-mail"),
        help_text=_("Vous vous connecterez avec elle ; elle sert aussi à retrouver un mot de passe oublié."),
    )
    password1, password2 = SetPasswordMixin.create_password_fields(_("Mot de passe"), _("Confirmation"))

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"]).lower()

    def clean(self):
        cleaned_data = super().clean()
        self.validate_passwords()
        self.validate_password_for_user(User(email=cleaned_data.get("email", "")))
        return cleaned_data
