"""The read-only JSON API (django-ninja): ``/api/v1/…``, documented in Danish at ``/api/docs``
(``api.docs``) from the OpenAPI schema at ``/api/openapi.json``.

Every endpoint reads through the same selectors and permission predicates as the pages, so
the API shows a user exactly what the pages show them. A bad parameter answers 400 or 422
with a Danish ``detail``; a missing or revoked login answers 401, a role that may not read
an endpoint 403.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from api import endpoints
from api.auth import AUTH
from api.docs import DanishDocs

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
    docs=DanishDocs(),
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


# What a parameter's value must be, by pydantic's error type: the answer is Danish through
# and through, where pydantic's own messages are English.
PARAMETER_PROBLEMS = {
    "int_parsing": lambda ctx: _("must be a whole number"),
    "int_from_float": lambda ctx: _("must be a whole number"),
    "bool_parsing": lambda ctx: _("must be true or false"),
    "greater_than_equal": lambda ctx: _("must be at least %(least)s") % {"least": ctx["ge"]},
    "missing": lambda ctx: _("is required"),
}


def parameter_problem(error: dict) -> str:
    """A sentence part for one of pydantic's errors: what the value must be."""
    problem = PARAMETER_PROBLEMS.get(error.get("type"))
    try:
        return problem(error.get("ctx") or {}) if problem else _("cannot be used")
    except KeyError:  # a context without the figure the sentence names
        return _("cannot be used")


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    errors, named = [], []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query",)]
        problem = parameter_problem(error)
        errors.append({"loc": location, "type": error.get("type"), "msg": problem})
        named.append(f"{'.'.join(location) or '?'} ({problem})")
    return api.create_response(
        request,
        {
            "detail": _("Invalid parameters: %(names)s.") % {"names": ", ".join(named)},
            "errors": errors,
        },
        status=422,
    )


api.add_router("/v1/", endpoints.router)
