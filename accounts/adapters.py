"""django-allauth hooks: the portal has no open sign-up; people are invited.

Failed logins are counted per account *and* client address, so that an attacker who fails
many times from elsewhere slows only themself: the owner still logs in from their own
address. The per-address limit (``ACCOUNT_RATE_LIMITS["login_failed"]``, checked first)
stops one address trying many accounts. The client address is what allauth takes from the
trusted proxy (``ALLAUTH_TRUSTED_PROXY_COUNT`` / ``ALLAUTH_TRUSTED_CLIENT_IP_HEADER``).
"""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context as allauth_context
from allauth.core.internal.ratelimit import get_ip
from django.contrib.sites.shortcuts import get_current_site


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        """allauth's mails (password reset …) go through the outbox: with SMTP down the page
        still answers, and the mail goes out when the server is back."""
        from accounts.mail import mail_enqueue

        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        mail_enqueue(
            kind=template_prefix.rsplit("/", 1)[-1],
            recipients=message.to,
            subject=message.subject,
            body=message.body,
        )

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth 65 keys its per-key login_failed limit by site and login only; a test
        # (tests/accounts/test_login_rate_limits.py) catches it if the hook ever changes.
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{get_ip(request)}"

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A privileged user is sent to set up a second factor right after logging in
        (``accounts.middleware``); allauth asked for the password once more before that.
        The first activation, within ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` of the password
        login in this session, takes that login instead. Everything else in the MFA pages
        (another authenticator, recovery codes, turning one off) still asks again."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = allauth_context.request
        if not required or app != "allauth.mfa" or request is None:
            return required
        from accounts.selectors import user_has_totp

        user = request.user
        if not user.is_authenticated or user_has_totp(user):
            return required
        logins = [
            record
            for record in get_authentication_records(request, user)
            if record.get("method") == "password"
        ]
        fresh = time.time() - account_settings.REAUTHENTICATION_TIMEOUT
        return not (logins and logins[-1]["at"] > fresh)
