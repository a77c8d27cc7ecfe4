from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "tenant_apps.accounts"
    label = "accounts"
    verbose_name = "Comptes"

    def ready(self):
        from tenant_apps.accounts import signals  # noqa: F401 (connects the receivers)


class SecondFactorAdminConfig(admin_apps.AdminConfig):
    """The Django admin of every site asks for the second factor (see two_factor.SecondFactorAdminSite)."""

    default = False  # named in INSTALLED_APPS; this module's default stays AccountsConfig
    default_site = "tenant_apps.accounts.two_factor.SecondFactorAdminSite"
