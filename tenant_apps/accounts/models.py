from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models, router
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenant_apps.accounts.enums import TERRITORY_STAFF_ROLES, Role
from tenants.deletion import SchemaCollector


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)  # None gives an unusable password: the person sets it from a link
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def staff(self):
        """The territory's team (see ``TERRITORY_STAFF_ROLES``), with partners' organisations."""
        return self.filter(role__in=TERRITORY_STAFF_ROLES).select_related("partner_membership__organisation")

    def active_admins(self):
        return self.filter(role=Role.TERRITORY_ADMIN, is_active=True)

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("role", Role.PROVIDER_STAFF)
        return self.create_user(email, password, is_staff=True, is_superuser=True, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person of one territory (in its schema) or of the provider (in the public schema).

    The same table exists in every schema: a territory's users, sessions and
    passwords are its own, and nobody of one territory can log into another.
    """

    email = models.EmailField(_("adresse e-mail"), unique=True)
    first_name = models.CharField(_("prénom"), max_length=150, blank=True)
    last_name = models.CharField(_("nom"), max_length=150, blank=True)
    role = models.CharField(_("rôle"), max_length=30, choices=Role, default=Role.CANDIDATE)
    is_active = models.BooleanField(_("actif"), default=True)
    is_staff = models.BooleanField(_("accès à l'administration Django"), default=False)
    date_joined = models.DateTimeField(_("inscrit le"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["email"]

    def delete(self, using=None, keep_parents=False):
        # The territories' tables that point at users are not in the public schema.
        collector = SchemaCollector(using=using or router.db_for_write(User, instance=self), origin=self)
        collector.collect([self], keep_parents=keep_parents)
        return collector.delete()

    delete.alters_data = True

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email

    def has_role(self, *roles: Role) -> bool:
        return self.is_active and self.role in roles
