"""The standard contract as a PDF (WeasyPrint): A4, page numbers, every field, signatures."""

from functools import cache

from django.template.loader import render_to_string
from django.utils import translation

from providers.models import Programme


@cache
def _font_config():
    """One FontConfiguration per process: setting up fontconfig and Pango's font map is about
    60 ms a document, as much as laying out a one-line page (issue 12). The contract has no
    @font-face, so nothing accumulates in it from one document to the next."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def contract_pdf_bytes(version) -> bytes:
    from weasyprint import HTML

    contract = version.contract
    request = contract.request
    programme = Programme.objects.filter(
        providers=request.provider,
        starts_on__lte=version.planned_delivery_on,
        ends_on__gte=version.planned_delivery_on,
    ).first()
    with translation.override("da"):
        html = render_to_string(
            "requests_app/contract_pdf.html",
            {
                "version": version,
                "contract": contract,
                "request": request,
                "programme": programme,
                "activities": version.activities.all(),
            },
        )
    return HTML(string=html).write_pdf(font_config=_font_config())


def minimal_pdf_bytes() -> bytes:
    """A one-line page: the baseline the benchmark compares the contract against (a plain
    WeasyPrint call, with its own font configuration)."""
    from weasyprint import HTML

    return HTML(string="<p>Psykisk arbejdsmiljø</p>").write_pdf()
