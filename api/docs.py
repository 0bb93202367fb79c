"""The API's documentation at ``/api/docs``: a page of the portal, in the user's language,
written from the OpenAPI schema (``/api/openapi.json``) that django-ninja derives from the
endpoints and ``api.schemas``.

Swagger UI, which ninja offers, speaks English whatever the page's language; this page reads
the same schema and says it in Danish: per endpoint its summary and description, its
parameters, what each answer status means, and every field of the answer with its type and
description. Programs read the schema itself, which the page links to.
"""

import functools
import re
from dataclasses import dataclass, field

from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from ninja.openapi.docs import DocsBase


def inline_code(text: str) -> str:
    """The schema's Markdown-lite: `code` becomes <code>code</code>, everything else is
    escaped."""
    marked = re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text))
    return mark_safe(marked)  # noqa: S308 - escaped above; only our own <code> tags are added


@dataclass(frozen=True)
class Row:
    """A parameter or an answer's field."""

    name: str
    type: str
    required: bool
    description: str
    default: object = None


@dataclass(frozen=True)
class Fields:
    """The fields of one object in an answer: ``path`` names where it sits (empty: the
    answer itself)."""

    path: str
    list_of: bool
    rows: list
    same_as: str | None = None  # the path where the same object's fields are listed


@dataclass
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list = field(default_factory=list)
    statuses: list = field(default_factory=list)  # (code, what it means)
    answer: list = field(default_factory=list)  # Fields, outermost first


def _status_meanings() -> dict:
    return {
        "200": _("The answer, as described below."),
        "400": _("A filter names something that does not exist, e.g. an unknown budget period."),
        "401": _("Not logged in, or the token is unknown, expired or revoked."),
        "403": _("The user's role may not read the API."),
        "422": _("A parameter has the wrong type or value; the answer names each one."),
    }


def _resolve(schema: dict, components: dict) -> dict:
    ref = schema.get("$ref")
    return components[ref.rsplit("/", 1)[-1]] if ref else schema


def _nullable(schema: dict) -> tuple[dict, bool]:
    options = schema.get("anyOf")
    if not options:
        return schema, False
    kept = [option for option in options if option.get("type") != "null"]
    merged = {**schema, **kept[0]}
    merged.pop("anyOf", None)
    return merged, len(kept) < len(options)


def type_text(schema: dict, components: dict, *, parameter: bool = False) -> str:
    """The value's type as a reader says it, with JSON's literals in backticks: "heltal",
    "tidspunkt (ISO 8601 med tidszone) eller `null`" …"""
    schema, nullable = _nullable(schema)
    if "$ref" in schema:
        text = _("object (see its fields)")
    elif schema.get("type") == "array":
        items = _resolve(schema.get("items", {}), components)
        if items.get("type") == "object":
            text = _("list of objects (see their fields)")
        else:
            text = _("list; each item: %(type)s") % {"type": type_text(items, components)}
    else:
        text = _scalar_text(schema)
    # A parameter left out is simply not given: "or null" would only puzzle.
    return _("%(type)s, or `null`") % {"type": text} if nullable and not parameter else text


def _scalar_text(schema: dict) -> str:
    kind, form = schema.get("type"), schema.get("format")
    example = (schema.get("examples") or [None])[0]
    if kind == "integer":
        text = _("whole number")
    elif kind == "number":
        text = _("number")
    elif kind == "boolean":
        text = _("`true` or `false`")
    elif form == "date-time":
        text = _("time (ISO 8601 with its offset)")
    elif form == "date":
        text = _("date (YYYY-MM-DD)")
    elif schema.get("pattern"):
        text = _("decimal number as text")
    else:
        text = _("text")
    if example is not None and kind == "string":
        text = _("%(type)s (e.g. `%(example)s`)") % {"type": text, "example": example}
    return text


def _rows(schema: dict, components: dict) -> list[Row]:
    required = set(schema.get("required", ()))
    return [
        Row(
            name=name,
            type=inline_code(type_text(prop, components)),
            required=name in required,
            description=inline_code(prop.get("description", "")),
        )
        for name, prop in schema.get("properties", {}).items()
    ]


def _answer(schema: dict, components: dict, path: str = "", seen=None) -> list[Fields]:
    """The answer's objects, outermost first: the answer (or each item of a list answer),
    then every nested object or list of objects, named by where it sits. An object described
    once already (the reach's regions and themes share theirs) refers to where it was."""
    seen = {} if seen is None else seen
    schema = _nullable(schema)[0]
    list_of = schema.get("type") == "array"
    inner = schema.get("items", {}) if list_of else schema
    target = _resolve(inner, components)
    if target.get("type") != "object":
        return []
    ref = inner.get("$ref")
    if ref in seen:
        return [Fields(path=path, list_of=list_of, rows=[], same_as=seen[ref])]
    if ref:
        seen[ref] = path
    found = [Fields(path=path, list_of=list_of, rows=_rows(target, components))]
    for name, prop in target.get("properties", {}).items():
        found += _answer(prop, components, f"{path}.{name}" if path else name, seen)
    return found


@functools.cache
def _schema(api) -> dict:
    return api.get_openapi_schema()  # the same for every request: read once per process


def _operations(api) -> list[Operation]:
    """Every endpoint, in the schema's order; the types in the request's language."""
    schema = _schema(api)
    components = schema.get("components", {}).get("schemas", {})
    meanings = _status_meanings()
    operations = []
    for path, methods in schema["paths"].items():
        for method, spec in methods.items():
            # ninja's schema keys the answers by int; its JSON, by string.
            responses = {str(code): answer for code, answer in spec["responses"].items()}
            ok = responses.get("200", {})
            answer_schema = ok.get("content", {}).get("application/json", {}).get("schema", {})
            operations.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    anchor=spec["operationId"].removeprefix("api_endpoints_"),
                    summary=spec.get("summary", ""),
                    description=inline_code(spec.get("description", "")),
                    parameters=[
                        Row(
                            name=parameter["name"],
                            type=inline_code(
                                type_text(parameter["schema"], components, parameter=True)
                            ),
                            required=parameter.get("required", False),
                            description=inline_code(parameter.get("description", "")),
                            default=parameter["schema"].get("default"),
                        )
                        for parameter in spec.get("parameters", [])
                    ],
                    statuses=[(code, meanings.get(code, "")) for code in sorted(responses)],
                    answer=_answer(answer_schema, components),
                )
            )
    return operations


class DanishDocs(DocsBase):
    """``NinjaAPI(docs=…)``: the documentation page of the portal's own frame."""

    def render_page(self, request, api, **kwargs):
        return render(
            request,
            "api/docs.html",
            {
                "api": api,
                "description": inline_code(api.description),
                "operations": _operations(api),
                "schema_url": self.get_openapi_url(api, kwargs),
            },
        )
