import datetime
import io
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from requests_app.pdf import minimal_pdf_bytes
from requests_app.services import intake
from tests import factories

ROLES = [
    "anonymous",
    "leader",
    "amr",
    "colleague",
    "outsider",
    "staff",
    "other_staff",
    "coordinator",
    "other_coordinator",
    "central",
]
# Who is on the thread, who sees only its summary, and who gets 404 for all of it.
ON_THREAD = {"leader", "amr", "staff"}
SUMMARY_ONLY = {"colleague", "coordinator", "central"}


@pytest.fixture
def people(db):
    workplace, leader, amr = factories.trio("sjaelland")
    return {
        "anonymous": None,
        "leader": leader,
        "amr": amr,
        "colleague": factories.MembershipFactory(workplace=workplace, role="tr").user,
        "outsider": factories.MembershipFactory(role="leader").user,
        "staff": factories.ProviderStaffFactory(provider=factories.provider("nfa")).user,
        "other_staff": factories.ProviderStaffFactory(provider=factories.provider("cbs")).user,
        "coordinator": factories.CoordinatorFactory(region=factories.region("sjaelland")).user,
        "other_coordinator": factories.CoordinatorFactory(
            region=factories.region("hovedstaden")
        ).user,
        "central": factories.CentralPartyFactory().user,
    }


@pytest.fixture
def at_provider(people):
    """A request that has reached NFA and waits for the dialogue to be taken up."""
    request = factories.complete_request(leader=people["leader"], counterpart=people["amr"])
    intake.request_submit(request_pk=request.pk, user=people["leader"])
    intake.request_confirm(request_pk=request.pk, user=people["amr"])
    request.refresh_from_db()
    return request


def pdf(name="notat.pdf"):
    return SimpleUploadedFile(name, minimal_pdf_bytes(), content_type="application/pdf")


OOXML = "application/vnd.openxmlformats-officedocument"
OOXML_MAIN = {
    "word/document.xml": f"{OOXML}.wordprocessingml.document.main+xml",
    "xl/workbook.xml": f"{OOXML}.spreadsheetml.sheet.main+xml",
    "ppt/presentation.xml": f"{OOXML}.presentationml.presentation.main+xml",
}


def ooxml_bytes(part="word/document.xml", content_type=None, extra=()) -> bytes:
    """A minimal OOXML package: [Content_Types].xml naming ``part`` as its main part."""
    content_type = content_type or OOXML_MAIN[part]
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr(part, "<root/>")
        for name in extra:
            archive.writestr(name, b"\x00")
    return buffer.getvalue()


def docx(name="referat.docx"):
    return SimpleUploadedFile(name, ooxml_bytes(), content_type="application/msword")


def ole_bytes(*names: str) -> bytes:
    """A minimal OLE compound file (MS-CFB, version 3) whose root holds empty streams named
    ``names``: one FAT sector, one directory sector."""
    end, free, none = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *[free] * 108)
    fat = struct.pack("<128I", 0xFFFFFFFD, end, *[free] * 126)

    def entry(name, kind, right=none, child=none):
        encoded = (name + "\x00").encode("utf-16-le")
        row = bytearray(128)
        row[: len(encoded)] = encoded
        struct.pack_into("<HBBIII", row, 0x40, len(encoded), kind, 1, none, right, child)
        struct.pack_into("<IQ", row, 0x74, end, 0)
        return bytes(row)

    rows = [entry("Root Entry", 5, child=1 if names else none)]
    for number, name in enumerate(names, start=1):
        rows.append(entry(name, 2, right=number + 1 if number < len(names) else none))
    rows += [bytes(128)] * (4 - len(rows) % 4 if len(rows) % 4 else 0)
    directory = b"".join(rows)
    assert len(directory) == 512, "at most three streams in one directory sector"
    return bytes(header) + fat + directory


def png(name="tavle.png"):
    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")


def in_days(days, hour=10):
    from django.utils import timezone

    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
