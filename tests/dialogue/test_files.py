"""What an attachment is, from its content (issue 18, point 2; audit point 3): an old-style
Office file must really be Word, Excel or PowerPoint (its main stream), not any OLE container
(an installer, an Outlook message); an OOXML package must name a document, workbook or
presentation as its main part and carry no macros; and a file is stored and downloaded under
the extension of what it is."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dialogue import services
from dialogue.files import DOC, DOCX, PPT, PPTX, XLS, XLSX, detect_type, download_name
from dialogue.models import Attachment, Message
from requests_app.pdf import minimal_pdf_bytes
from requests_app.services.base import RequestError
from tests.dialogue.conftest import OOXML, ole_bytes, ooxml_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("streams", "expected"),
    [
        (("WordDocument", "1Table", "\x01CompObj"), DOC),
        (("Workbook", "\x05SummaryInformation"), XLS),
        (("Book",), XLS),  # Excel 5/95
        (("PowerPoint Document", "Current User"), PPT),
    ],
)
def test_old_office_files_are_told_by_their_main_stream(streams, expected):
    assert detect_type(ole_bytes(*streams)) == expected


@pytest.mark.parametrize(
    "streams",
    [
        ("__substg1.0_0037001F", "__properties_version1.0"),  # an Outlook .msg
        ("\x05SummaryInformation", "\u4840\u3b3f\u4577\u446c"),  # an .msi's streams
        ("WordDocument", "Macros"),  # a Word file with a macro project
        ("Workbook", "_VBA_PROJECT_CUR"),  # an Excel file with one
        (),
    ],
)
def test_other_ole_containers_are_refused(streams):
    assert detect_type(ole_bytes(*streams)) is None


def test_a_broken_ole_header_is_refused_not_an_error():
    content = bytearray(ole_bytes("WordDocument"))
    content[0x30:0x34] = b"\xff\xff\xff\x7f"  # the directory beyond the end of the file
    assert detect_type(bytes(content)) is None
    assert detect_type(ole_bytes("WordDocument")[:600]) is None


@pytest.mark.parametrize(
    ("part", "expected"),
    [("word/document.xml", DOCX), ("xl/workbook.xml", XLSX), ("ppt/presentation.xml", PPTX)],
)
def test_ooxml_is_told_by_its_main_part(part, expected):
    assert detect_type(ooxml_bytes(part)) == expected


@pytest.mark.parametrize(
    "content",
    [
        # A zip with an empty [Content_Types].xml: no main part.
        ooxml_bytes(content_type="application/xml"),
        # Macro-enabled Word (.docm) and Excel (.xlsm).
        ooxml_bytes(content_type="application/vnd.ms-word.document.macroEnabled.main+xml"),
        ooxml_bytes("xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
        # The right main type, with a macro project inside.
        ooxml_bytes(extra=["word/vbaProject.bin"]),
        # A template, not a document.
        ooxml_bytes(content_type=f"{OOXML}.wordprocessingml.template.main+xml"),
    ],
    ids=["no-main-part", "docm", "xlsm", "vbaproject", "template"],
)
def test_ooxml_without_a_document_or_with_macros_is_refused(content):
    assert detect_type(content) is None


def test_a_zip_without_content_types_or_with_a_dtd_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert detect_type(buffer.getvalue()) is None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml", '<!DOCTYPE x [<!ENTITY a "aaaa">]><Types>&a;</Types>'
        )
        archive.writestr("word/document.xml", "<w:document/>")
    assert detect_type(buffer.getvalue()) is None


@pytest.mark.parametrize(
    ("upload", "content"),
    [
        ("opsaetning.doc", ole_bytes("\x05SummaryInformation", "\u4840\u3b3f")),
        ("besked.doc", ole_bytes("__substg1.0_0037001F")),
        ("regneark.xlsx", ooxml_bytes("xl/workbook.xml", extra=["xl/vbaProject.bin"])),
    ],
)
def test_the_service_refuses_them_in_danish_and_stores_nothing(
    people, at_provider, upload, content
):
    with pytest.raises(RequestError, match="ikke en filtype"):
        services.message_post(
            request_pk=at_provider.pk,
            user=people["leader"],
            body="Se vedhæftet",
            files=[SimpleUploadedFile(upload, content)],
        )
    assert not Message.objects.exists() and not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("x.html", "application/pdf", "x.pdf"),
        ("referat.PDF", "application/pdf", "referat.PDF"),
        ("foto.jpeg", "image/jpeg", "foto.jpeg"),
        ("foto.png", "image/jpeg", "foto.jpg"),
        ("tavle", "image/png", "tavle.png"),
        ("budget.xls", DOCX, "budget.docx"),
        ("gammel.doc", XLS, "gammel.xls"),
        ("a.b.exe", PPTX, "a.b.pptx"),
    ],
)
def test_the_name_gets_the_extension_of_what_the_file_is(name, content_type, expected):
    assert download_name(name, content_type) == expected


def test_a_pdf_called_html_is_stored_and_downloaded_as_pdf(client, people, at_provider):
    message = services.message_post(
        request_pk=at_provider.pk,
        user=people["leader"],
        body="Notat",
        files=[SimpleUploadedFile("notat.html", minimal_pdf_bytes(), "text/html")],
    )
    attachment = message.attachments.get()
    assert attachment.original_name == "notat.pdf"
    # A row stored before the names were corrected downloads under the right one too.
    Attachment.objects.filter(pk=attachment.pk).update(original_name="gammelt.html")
    client.force_login(people["staff"])
    response = client.get(reverse("dialogue:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert 'filename="gammelt.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
