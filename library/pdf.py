"""A tool's guide as a printable PDF (WeasyPrint), the same sections as the page."""

from django.template.loader import render_to_string
from django.utils import translation


def tool_pdf_bytes(item) -> bytes:
    from weasyprint import HTML

    with translation.override("da"):
        html = render_to_string("library/tool_pdf.html", {"item": item})
    return HTML(string=html).write_pdf()
