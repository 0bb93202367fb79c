"""The API's documentation (``/api/docs``): a Danish page of the portal written from the
OpenAPI schema, every endpoint, parameter and field described, and no English on it."""

import re

import pytest
from django.conf import settings

from api.docs import inline_code, type_text
from api.v1 import api
from tests.portal.test_admin_danish import visible_text

# What Swagger UI and the schema's defaults used to put on the page in English ("Type" and
# "for" are Danish too).
ENGLISH = re.compile(
    r"\b(Parameters|Responses|Description|Name|Required|Default|Schemas?|Authorize|Try it out|"
    r"Bad Request|Unauthorized|Forbidden|Unprocessable|Not Found|string|integer|boolean|"
    r"array|number|slug|The|the|of|or|and|with|only)\b"
)


def page_text(html: str) -> str:
    """What a reader sees, leaving out code (field names, paths and JSON's literals)."""
    return visible_text(re.sub(r"<code>.*?</code>", "", html, flags=re.S))


@pytest.mark.django_db
def test_the_docs_are_a_danish_page_of_the_portal(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#main"' in html and "<h1>API'ets dokumentation</h1>" in html
    for path in api.get_openapi_schema()["paths"]:
        assert f"<code>GET {path}</code>" in html
    assert html.count('class="api-operation') == 5
    # The parameters, with their types and defaults, and the answers' fields.
    for name in ("status", "provider", "region", "period", "programme", "overdue", "q", "page"):
        assert f'<th scope="row"><code>{name}</code></th>' in html, name
    # page: a whole number, 1 by default; a parameter left out is not "null".
    assert "<td>heltal</td>" in html and "<code>1</code>" in html
    parameters = re.search(r"<h3[^>]*>Parametre</h3>(.*?)<h3", html, flags=re.S).group(1)
    assert "null" not in parameters
    assert "tidspunkt (ISO 8601 med tidszone) eller <code>null</code>" in html
    assert "Felterne i <code>items</code>" in html and "Felterne i <code>regions</code>" in html
    # The reach's themes have the regions' fields: listed once, referred to once.
    assert "De samme felter som <code>regions</code>." in html
    assert "Udbyderens nøgle" in html and "Den indgåede kontrakts beløb" in html
    # The keys a status filter takes are listed, not only an example.
    for key in ("awaiting_counterpart", "at_provider", "dialogue", "contract_draft"):
        assert f"<code>{key}</code>" in html, key
    assert "Beskrivelserne af endepunkter" not in html  # said only where the page is not Danish
    assert "Ikke logget ind, eller tokenet er ukendt, udløbet eller tilbagekaldt." in html
    assert 'href="/api/openapi.json"' in html and 'href="/profil/"' in html
    # The portal's own scripts only: nothing of Swagger UI's is left.
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts and all("swagger" not in src for src in scripts)
    assert ENGLISH.findall(page_text(html)) == []


@pytest.mark.django_db
def test_the_docs_speak_english_to_those_who_chose_it(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/api/docs").content.decode()
    assert "<h1>The API's documentation</h1>" in html
    assert "whole number" in html and "Parameters" in html
    # What stays Danish is said to be so.
    assert "The descriptions of the endpoints, parameters and fields are in Danish." in html


def test_the_english_check_catches_what_swagger_showed():
    assert ENGLISH.findall(page_text("<h3>Parameters</h3><td>string</td><code>of</code>")) == [
        "Parameters",
        "string",
    ]


def test_every_parameter_and_field_is_described():
    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for parameter in operations["get"].get("parameters", []):
            assert parameter.get("description"), (path, parameter["name"])
    for name, component in schema["components"]["schemas"].items():
        for field, prop in component["properties"].items():
            assert prop.get("description"), f"{name}.{field} has no description"


@pytest.mark.parametrize(
    ("schema", "text"),
    [
        ({"type": "integer"}, "heltal"),
        ({"type": "boolean"}, "`true` eller `false`"),
        (
            {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]},
            "dato (ÅÅÅÅ-MM-DD) eller `null`",
        ),
        (
            {"type": "string", "pattern": r"^-?\d+\.\d{2}$", "examples": ["250000.00"]},
            "decimaltal som tekst (fx `250000.00`)",
        ),
        ({"type": "array", "items": {"type": "string"}}, "liste; hvert element: tekst"),
        (
            {"type": "array", "items": {"$ref": "#/components/schemas/Row"}},
            "liste af objekter (se deres felter)",
        ),
    ],
)
def test_types_in_danish(schema, text):
    from django.utils.translation import override

    with override("da"):
        assert type_text(schema, {"Row": {"type": "object"}}) == text


def test_inline_code_escapes_and_marks_code():
    assert inline_code("Send `a<b>` & mere") == "Send <code>a&lt;b&gt;</code> &amp; mere"
