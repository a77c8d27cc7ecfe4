"""The e-mail verification link, bound to the territory it was made on."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import connection


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "emploi_local.email_verification"

    def _make_hash_value(self, user, timestamp):
        # Ids repeat from one schema to another: the schema makes a link worthless
        # on another portal. is_active: the link stops working once used.
        return f"{connection.schema_name}:{user.pk}:{user.is_active}:{user.password}:{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()
