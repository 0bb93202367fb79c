"""Portal-wide middleware: a strict Content-Security-Policy, Danish as the first language,
an idle timeout for logins, no caching of logged-in pages, and a page for a method a URL
does not take."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from accounts.selectors import user_needs_mfa


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class DanishFirstLocaleMiddleware:
    """Danish unless the user chose English with the language switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; a Danish public
    portal speaks Danish to everyone who has not asked otherwise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class SessionIdleTimeoutMiddleware:
    """Ends a login after ``SESSION_IDLE_TIMEOUT`` seconds without a request (privileged
    roles) or ``SESSION_IDLE_TIMEOUT_UNPRIVILEGED`` (everyone else).

    The timeout is chosen once per login (roles granted later apply from the next login).
    The last activity is stored at most once a minute, so most requests write no session.
    """

    LAST_ACTIVITY = "_portal_last_activity"
    TIMEOUT = "_portal_idle_timeout"
    RESOLUTION = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session = request.session
            now = int(time.time())
            timeout = session.get(self.TIMEOUT)
            if timeout is None:
                timeout = (
                    settings.SESSION_IDLE_TIMEOUT
                    if user_needs_mfa(request.user)
                    else settings.SESSION_IDLE_TIMEOUT_UNPRIVILEGED
                )
                session[self.TIMEOUT] = timeout
            last = session.get(self.LAST_ACTIVITY)
            if last is not None and now - last > timeout:
                logout(request)
                messages.info(request, _("You were logged out after a period of inactivity."))
            elif last is None or now - last >= self.RESOLUTION:
                session[self.LAST_ACTIVITY] = now
        return self.get_response(request)


class NoStoreForAuthenticatedMiddleware:
    """Pages for a logged-in user are never stored by the browser or a proxy: after logout,
    the back button or a shared computer must not show them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
            response.headers.pop("Expires", None)
        return response


class MethodNotAllowedPageMiddleware:
    """A page in the user's language for a method the URL does not take (a POST to a page
    that only shows something, a GET to an action): Django's ``require_POST`` and
    ``require_safe`` answer 405 with an empty body. The status and ``Allow`` header stay; a
    405 that already says something (the API's own) is left as it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response
