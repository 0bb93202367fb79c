"""Portal-wide middleware: a strict Content-Security-Policy and Danish as the first language."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


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
