import factory
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenant_apps.accounts.enums import Role
from tenant_apps.accounts.models import User

DEFAULT_PASSWORD = "un mot de passe solide"


class UserFactory(factory.django.DjangoModelFactory):
    """A user of whatever schema is active when the factory runs."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    role = Role.CANDIDATE
    password = factory.django.Password(DEFAULT_PASSWORD)


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator app; ``totp(device)`` gives its current code."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory, role=Role.ADVISOR)
    name = "Téléphone"
    confirmed = True


class StaticDeviceFactory(factory.django.DjangoModelFactory):
    """Backup codes: ``StaticDeviceFactory(user=u, tokens=["abcd2345"])``."""

    class Meta:
        model = StaticDevice
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, role=Role.ADVISOR)
    name = "Codes de secours"

    @factory.post_generation
    def tokens(self, create, extracted, **kwargs):
        for token in extracted or []:
            self.token_set.create(token=token)


def totp(device: TOTPDevice) -> str:
    """The code the person's app shows right now."""
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def verify_second_factor(client, user) -> TOTPDevice:
    """Mark the client's session (of the active schema) as verified by a new device of ``user``,
    as the code step does with django-otp's login."""
    device = TOTPDeviceFactory(user=user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
