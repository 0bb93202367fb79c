"""Invoice files and the calendar (issue 10, point 12): upload paths come from ids, never from
the invoice number; the PDF check parses the file and refuses active content; the .ics file
escapes and folds its lines as RFC 5545 asks."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from requests_app.models import ContractActivity, Invoice
from requests_app.pdf import minimal_pdf_bytes
from requests_app.services import contracts, invoices
from requests_app.services.base import RequestError
from tests import factories
from tests.requests_app.test_invoices import concluded, pdf_file, submit  # noqa: F401


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _blank_writer() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def open_action_js_pdf() -> bytes:
    writer = _blank_writer()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hej');"),
        }
    )
    return _written(writer)


def document_js_pdf() -> bytes:
    writer = _blank_writer()
    writer.add_open_action(JavaScript("this.print({bUI:true});"))
    return _written(writer)


def attachment_pdf() -> bytes:
    writer = _blank_writer()
    writer.add_attachment("payload.exe", b"MZ\x90\x00")
    return _written(writer)


def encrypted_pdf() -> bytes:
    writer = _blank_writer()
    writer.encrypt(user_password="hemmelig", algorithm="RC4-128")
    return _written(writer)


# Upload paths.


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["../x/y", "a/b/c", "..\\..\\etc", "F 1 æ.pdf"])
def test_invoice_files_are_named_from_ids(concluded, number, settings):  # noqa: F811
    invoice = submit(concluded, number=number)
    request_pk = concluded["request"].pk
    assert re.fullmatch(rf"invoices/{request_pk}/[0-9a-f]{{32}}\.pdf", invoice.pdf.name)
    # One folder per request and one file in it: no folder made from the number.
    stored = sorted((settings.MEDIA_ROOT / "invoices").rglob("*"))
    folder = settings.MEDIA_ROOT / "invoices" / str(request_pk)
    assert stored == [folder, settings.MEDIA_ROOT / invoice.pdf.name]


# The PDF check.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n", "ikke en PDF"),
        (b"\x00\x01garbage" * 100, "ikke en PDF"),
        (b"%PDF-1.7\n" + b"\x8f" * 5000 + b"\n%%EOF", "ikke en PDF"),
        (open_action_js_pdf(), "aktivt indhold (JS)"),
        (document_js_pdf(), "aktivt indhold (JavaScript)"),
        (attachment_pdf(), "aktivt indhold"),
        (encrypted_pdf(), "adgangskode"),
    ],
)
def test_the_pdf_check_refuses_what_is_no_plain_pdf(concluded, content, message):  # noqa: F811
    with pytest.raises(RequestError, match=re.escape(message)):
        submit(concluded, pdf=pdf_file(content=content))
    assert not Invoice.objects.exists()


def test_a_plain_pdf_passes_the_check():
    upload = pdf_file(content=minimal_pdf_bytes())
    invoices.check_pdf(upload)
    assert upload.tell() == 0  # left at the start, ready to be stored


@pytest.mark.django_db
def test_the_invoice_form_refuses_javascript_with_a_danish_message(client, concluded):  # noqa: F811
    client.force_login(concluded["staff"])
    url = reverse("requests:invoice_new", kwargs={"pk": concluded["request"].pk})
    data = {"number": "F-1", "invoice_date": timezone.localdate().isoformat(), "amount": "12500,00"}
    for content in (open_action_js_pdf(), b"%PDF-1.4\n<html></html>\n%%EOF"):
        response = client.post(url, {**data, "pdf": pdf_file(content=content)})
        assert response.status_code == 200
        assert "aktivt indhold" in response.content.decode() or "ikke en PDF" in (
            response.content.decode()
        )
    assert not Invoice.objects.exists()
    response = client.post(url, {**data, "pdf": pdf_file()})
    assert response.status_code == 302


# The calendar.


@pytest.mark.django_db
def test_the_calendar_escapes_and_folds_activity_text(client, model2):
    request = factories.request_in_dialogue(
        leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
    )
    contracts.contract_draft(
        request_pk=request.pk,
        user=model2["staff"],
        data=factories.contract_data(),
        activities=factories.activities(),
    )
    for user in (model2["staff"], model2["leader"]):
        contracts.contract_accept(request_pk=request.pk, user=user, version_number=1)
    # Text stored before the forms cleaned it may hold a bare CR; the calendar copes.
    description = "Workshop\rdag 1\nmed, semikolon; og " + "æ" * 200
    ContractActivity.objects.filter(description="Workshop 1").update(
        description=description, place="Lokale 2, 1.\r\nsal"
    )
    client.force_login(model2["amr"])
    response = client.get(reverse("requests:contract_ics", kwargs={"pk": request.pk}))
    body = response.content
    lines = body.split(b"\r\n")
    assert lines[-1] == b""
    assert max(len(line) for line in lines) <= 75
    assert b"\r" not in body.replace(b"\r\n", b"")
    assert b"\n" not in body.replace(b"\r\n", b"")
    calendar = Calendar.from_ical(body)
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    expected = "Workshop\ndag 1\nmed, semikolon; og " + "æ" * 200 + " (NFA)"
    assert set(events) == {expected, "Opfølgningsmøde (NFA)"}
    assert str(events[expected]["location"]) == "Lokale 2, 1.\nsal"
    assert events[expected]["dtstart"].to_ical() == b"20161003"
