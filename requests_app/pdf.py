"""The standard contract as a PDF (WeasyPrint): A4, page numbers, every field, signatures."""

from django.template.loader import render_to_string
from django.utils import translation

from providers.models import Programme


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
    return HTML(string=html).write_pdf()


def minimal_pdf_bytes() -> bytes:
    """A one-line page: the baseline the benchmark compares the contract against."""
    from weasyprint import HTML

    return HTML(string="<p>Psykisk arbejdsmiljø</p>").write_pdf()
