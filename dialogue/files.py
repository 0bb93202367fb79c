"""What an attachment is, read from its content, never from its name or the browser's word.

Allowed: PDF (readable by pypdf), Word, Excel and PowerPoint (OOXML, and the older binary
formats), PNG and JPEG; at most 10 MB each and five per message. A file renamed to look like
one of them (an ``.exe`` called ``.pdf``) is refused.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from requests_app.services.base import RequestError
from requests_app.text import strip_controls

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
NAME_MAX_LENGTH = 255

OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
# The older Office formats are OLE compound files; which program made one is in its streams,
# so they are served under one neutral type.
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_TYPE = "application/x-ole-storage"


@dataclass(frozen=True)
class CheckedFile:
    upload: object
    name: str
    content_type: str
    size: int


def _refuse(name: str) -> RequestError:
    return RequestError(
        _(
            "“%(name)s” is not a file type the dialogue takes. Attach PDF, Word, Excel, "
            "PowerPoint, PNG or JPEG files."
        )
        % {"name": name}
    )


def _pdf(content: bytes) -> bool:
    from pypdf import PdfReader

    if content.lstrip()[:5] != b"%PDF-":
        return False
    try:
        return len(PdfReader(io.BytesIO(content)).pages) > 0
    except Exception:  # noqa: BLE001 - whatever pypdf cannot read is no PDF for us
        return False


def _ooxml(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, content_type in OOXML.items():
        if any(name.startswith(prefix) for name in names):
            return content_type
    return None


def detect_type(content: bytes) -> str | None:
    """The content type the bytes are, or None when they are none the dialogue takes."""
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(OLE):
        return OLE_TYPE
    if content.startswith(b"PK\x03\x04"):
        return _ooxml(content)
    if _pdf(content):
        return "application/pdf"
    return None


def clean_name(name: str) -> str:
    """The uploaded file's own name without any folder, controls or quotes, kept short."""
    name = strip_controls(PurePath(str(name or "")).name).replace('"', "").replace("\n", " ")
    name = name.strip() or "fil"
    if len(name) > NAME_MAX_LENGTH:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[: NAME_MAX_LENGTH - len(suffix) - 1] + dot + suffix) if dot else name
        name = name[:NAME_MAX_LENGTH]
    return name


def check_files(uploads) -> list[CheckedFile]:
    """Every upload checked, or ``RequestError`` for the first that is refused."""
    uploads = [upload for upload in uploads if upload is not None]
    if len(uploads) > MAX_FILES:
        raise RequestError(
            _("At most %(max)s files can be attached to one message; you chose %(count)s.")
            % {"max": MAX_FILES, "count": len(uploads)}
        )
    checked = []
    for upload in uploads:
        name = clean_name(upload.name)
        if upload.size > MAX_BYTES:
            raise RequestError(
                _("“%(name)s” is %(size)s; a file can be at most 10 MB.")
                % {"name": name, "size": filesizeformat(upload.size)}
            )
        if upload.size == 0:
            raise RequestError(_("“%(name)s” is empty.") % {"name": name})
        upload.seek(0)
        content = upload.read()
        upload.seek(0)
        content_type = detect_type(content)
        if content_type is None:
            raise _refuse(name)
        checked.append(CheckedFile(upload, name, content_type, upload.size))
    return checked
