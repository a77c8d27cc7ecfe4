from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from tenants.models import Territory, available_themes

LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
LOGO_MAX_PIXELS = 2000


def validate_logo(upload) -> None:
    """A logo is checked by its content, not its name: a PNG, JPEG or WebP image
    that Pillow can decode, of reasonable weight and size."""
    if upload.size > settings.MAX_LOGO_BYTES:
        raise ValidationError(
            _("Le logo pèse %(size)s ; le maximum est %(max)s."),
            params={"size": filesizeformat(upload.size), "max": filesizeformat(settings.MAX_LOGO_BYTES)},
            code="too_large",
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("Ce fichier n'est pas une image lisible. Envoyez un PNG, un JPEG ou un WebP."), code="not_an_image"
        ) from error
    finally:
        upload.seek(0)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(
            _("Format %(format)s non accepté. Envoyez un PNG, un JPEG ou un WebP."),
            params={"format": image_format},
            code="format",
        )
    if max(width, height) > LOGO_MAX_PIXELS:
        raise ValidationError(
            _("Le logo mesure %(width)s × %(height)s pixels ; le maximum est %(max)s pixels de côté."),
            params={"width": width, "height": height, "max": LOGO_MAX_PIXELS},
            code="dimensions",
        )
    # The stored name follows the real format, whatever the uploaded name said.
    upload.name = f"logo.{LOGO_FORMATS[image_format]}"


class PortalSettingsForm(forms.ModelForm):
    theme = forms.ChoiceField(label=_("Thème"), choices=())
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        validators=[validate_logo],
        help_text=_("PNG, JPEG ou WebP, 512 Ko au plus."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )

    class Meta:
        model = Territory
        fields = [
            "welcome_text",
            "primary_color",
            "secondary_color",
            "logo",
            "theme",
            "contact_email",
            "contact_phone",
            "contact_address",
            "map_tile_url",
            "map_attribution",
            "offer_moderation",
            "default_search_radius_km",
            "candidate_retention_months",
            "offer_validity_days",
        ]
        help_texts = {
            "primary_color": _("Fond de l'en-tête et des boutons, texte blanc : contraste 4,5:1 au moins."),
            "secondary_color": _("Titres et accents sur fond blanc : contraste 4,5:1 au moins."),
        }
        widgets = {
            "primary_color": forms.TextInput(attrs={"type": "color"}),
            "secondary_color": forms.TextInput(attrs={"type": "color"}),
            "welcome_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [(name, name) for name in available_themes()]

    def clean_map_tile_url(self):
        url = self.cleaned_data["map_tile_url"].strip()
        if not url.startswith("https://") or not all(part in url for part in ("{z}", "{x}", "{y}")):
            raise ValidationError(_("Indiquez une adresse https contenant {z}, {x} et {y}."), code="tiles")
        return url
