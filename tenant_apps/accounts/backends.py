"""How passwords are checked: Django's ModelBackend behind django-axes' lockout."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend


class LockoutModelBackend(AxesStandaloneBackend, ModelBackend):
    """Refuses a username locked out from this address (settings AXES_*), then checks the password.

    One backend rather than axes' own before ModelBackend: with two, `login(request, user)` after
    an e-mail link would have to name its backend. Without an HTTP request (the test client's
    `login()`, a shell) there is no address to count failures by, so only the password counts;
    every login page and the admin pass their request."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None:
            super().authenticate(request, username=username, password=password, **kwargs)  # raises if locked out
        return ModelBackend.authenticate(self, request, username=username, password=password, **kwargs)
