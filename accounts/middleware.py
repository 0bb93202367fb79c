"""Privileged roles must log in with a second factor.

Superusers, staff, central parties, regional coordinators and provider staff who have not
activated a TOTP authenticator are sent to allauth's activation page from every page but
that one, logout, the other MFA pages (reauthentication comes before activation), static
files and ``/healthz``. Workplace members are not forced. ``MFA_REQUIRED_FOR_PRIVILEGED``
turns it off; only the test suite does (tests/conftest.py).
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from accounts.selectors import user_has_totp, user_needs_mfa


class MfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "MFA_REQUIRED_FOR_PRIVILEGED", True)
            and request.user.is_authenticated
            and not self._exempt(request.path_info)
            and user_needs_mfa(request.user)
            and not user_has_totp(request.user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        exempt = [
            reverse("mfa_index"),  # /accounts/2fa/: activation and every other MFA page
            reverse("account_logout"),
            reverse("account_reauthenticate"),
            reverse("healthz"),
            reverse("set_language"),
            "/" + settings.STATIC_URL.lstrip("/"),
        ]
        return any(path.startswith(prefix) for prefix in exempt)
