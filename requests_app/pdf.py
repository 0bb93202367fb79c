"""The standard contract as a PDF (WeasyPrint): A4, page numbers, every field, signatures."""

from functools import cache

from django.template.loader import render_to_string
from django.utils import translation

from providers.models import Programme

# The part of WeasyPrint's HTML5 user-agent stylesheet that the contract's elements use, with
# the same values. The full sheet (250 rules, many with [dir], :is() and attribute selectors)
# is matched against every element of every document: about 15 % of a contract's render
# (issue 12). A new element in the contract template needs its defaults here; the test
# compares the rendered pages with WeasyPrint's own defaults, pixel for pixel, and that the
# template uses no element beyond CONTRACT_UA_ELEMENTS.
CONTRACT_UA_ELEMENTS = frozenset(
    {"html", "head", "meta", "title", "style", "body", "div", "h1", "h2", "p", "span", "br"}
    | {"table", "thead", "tbody", "tr", "th", "td"}
)
CONTRACT_UA_CSS = """
head, style, title, meta, script { display: none }
html, body, div, h1, h2, p { display: block }
body { margin: 8px }
p { margin-top: 1em; margin-bottom: 1em }
h1 { margin-top: .67em; margin-bottom: .67em; font-size: 2em; bookmark-level: 1 }
h2 { margin-top: .83em; margin-bottom: .83em; font-size: 1.5em; bookmark-level: 2 }
h1, h2 { font-weight: bold; bookmark-label: content(text); hyphens: manual;
         break-after: avoid; break-inside: avoid }
table { display: table; box-sizing: border-box; border-spacing: 2px;
        border-collapse: separate; text-indent: initial }
thead { display: table-header-group }
tbody { display: table-row-group }
thead, tbody, table > tr { vertical-align: middle }
tr { display: table-row }
td, th { display: table-cell; padding: 1px }
tr, td, th { vertical-align: inherit }
th { font-weight: bold }
table, td, th { border-color: gray }
thead, tbody, tr { border-color: inherit }
br::before { content: "\\A"; white-space: pre-line }
span { display: inline }
@page {
  margin: 75px;
  @top-left { text-align: left; vertical-align: middle }
  @bottom-left { text-align: left; vertical-align: middle }
  @bottom-right { text-align: right; vertical-align: middle }
}
"""


@cache
def _font_config():
    """One FontConfiguration per process: setting up fontconfig and Pango's font map is about
    60 ms a document, as much as laying out a one-line page (issue 12). The contract has no
    @font-face, so nothing accumulates in it from one document to the next."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _contract_stylesheet(language: str):
    """The contract's stylesheet, parsed once a process and language: about 3 ms a document
    (issue 12). It holds nothing of one contract: the version in the footer comes from the
    page (``string(version)``)."""
    from weasyprint import CSS

    with translation.override(language):
        text = render_to_string("requests_app/contract_pdf.css")
    return CSS(string=text, font_config=_font_config())


@cache
def _contract_html_class():
    """WeasyPrint's HTML with the contract's user-agent stylesheet, parsed once a process.
    Should a WeasyPrint release drop the hook, the full default sheet applies again: the
    same PDF, only slower."""
    from weasyprint import CSS, HTML

    user_agent = [CSS(string=CONTRACT_UA_CSS)]

    class ContractHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return user_agent

    return ContractHTML


def contract_pdf_bytes(version) -> bytes:
    return contract_html_to_pdf(contract_html(version))


def contract_html(version) -> str:
    contract = version.contract
    request = contract.request
    programme = Programme.objects.filter(
        providers=request.provider,
        starts_on__lte=version.planned_delivery_on,
        ends_on__gte=version.planned_delivery_on,
    ).first()
    with translation.override("da"):
        return render_to_string(
            "requests_app/contract_pdf.html",
            {
                "version": version,
                "contract": contract,
                "request": request,
                "programme": programme,
                "activities": version.activities.all(),
            },
        )


def contract_html_to_pdf(html: str, *, user_agent: str = "contract") -> bytes:
    """The contract's HTML as PDF bytes; ``user_agent="weasyprint"`` lays it out with
    WeasyPrint's full default stylesheet instead (for the test that the two look alike)."""
    from weasyprint import HTML

    html_class = _contract_html_class() if user_agent == "contract" else HTML
    return html_class(string=html).write_pdf(
        stylesheets=[_contract_stylesheet("da")], font_config=_font_config()
    )


def minimal_pdf_bytes() -> bytes:
    """A one-line page: the baseline the benchmark compares the contract against (a plain
    WeasyPrint call, with its own font configuration)."""
    from weasyprint import HTML

    return HTML(string="<p>Psykisk arbejdsmiljø</p>").write_pdf()
