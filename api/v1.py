"""The read-only JSON API (django-ninja): ``/api/v1/…``, documented at ``/api/docs`` with the
OpenAPI schema at ``/api/openapi.json``.

Every endpoint reads through the same selectors and permission predicates as the pages, so
the API shows a user exactly what the pages show them. A bad parameter answers 400 or 422
with a Danish ``detail``; a missing or revoked login answers 401, a role that may not read
an endpoint 403.
"""

import json

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger

from api import endpoints
from api.auth import AUTH


class LocalSwagger(Swagger):
    """Swagger UI from the vendored files under static/vendor, started by a static script:
    no CDN and no inline script, as the portal's Content-Security-Policy demands."""

    template = "api/swagger.html"

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        return render(
            request, self.template, {"api": api, "swagger_settings_object": self.settings}
        )


api = NinjaAPI(
    title="Ekspertrådgivning om psykisk arbejdsmiljø – API",
    version="1",
    description=(
        "Læseadgang til budgetter, anmodninger, frister, udbredelse og evalueringer. Log ind "
        "i portalen, eller send et personligt token fra profilsiden som "
        "`Authorization: Bearer <token>`. Beløb er decimaltal som tekst i kr. inkl. moms."
    ),
    auth=AUTH,
    urls_namespace="api",
    docs=LocalSwagger(settings={"defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return api.create_response(
        request,
        {"detail": _("Log in, or send a personal token as 'Authorization: Bearer <token>'.")},
        status=401,
    )


@api.exception_handler(AuthorizationError)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=403)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    names = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query",)]
        names.append(".".join(location) or "?")
    return api.create_response(
        request,
        {
            "detail": _("Invalid parameters: %(names)s.") % {"names": ", ".join(names)},
            "errors": json.loads(json.dumps(exc.errors, default=str)),
        },
        status=422,
    )


api.add_router("/v1/", endpoints.router)
