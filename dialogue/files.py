"""What an attachment is, read from its content, never from its name or the browser's word.

Allowed: PDF (readable by pypdf), Word, Excel and PowerPoint (OOXML, and the older binary
formats), PNG and JPEG; at most 10 MB each and five per message. A file renamed to look like
one of them (an ``.exe`` called ``.pdf``) is refused, and so is a container of the right kind
that holds something else: an OLE compound file must carry Word's, Excel's or PowerPoint's
main stream (an ``.msi`` or an Outlook ``.msg`` is an OLE file too), an OOXML package must
name a document, workbook or presentation as its main part in ``[Content_Types].xml``, and
neither may carry macros. The name a file is stored and downloaded under ends in the
extension of what it is (a PDF called ``x.html`` becomes ``x.pdf``).
"""

import io
import struct
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from xml.etree import ElementTree

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from requests_app.services.base import RequestError
from requests_app.text import strip_controls

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
NAME_MAX_LENGTH = 255

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOC, XLS, PPT = "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"

# An OOXML package's main part, by the content type [Content_Types].xml gives it. The
# macro-enabled variants (``application/vnd.ms-word.document.macroEnabled.main+xml`` …) and
# templates are none of these, so they are refused.
OOXML_MAIN = {
    f"{DOCX}.main+xml": DOCX,
    f"{XLSX}.main+xml": XLSX,
    f"{PPTX}.main+xml": PPTX,
}
CONTENT_TYPES = "[Content_Types].xml"
CONTENT_TYPES_MAX_BYTES = 1024 * 1024
TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"

# The older Office formats are OLE compound files; which program made one is told by the
# stream that holds the document. A file with none of these (an installer, an e-mail) is
# refused, and so is one with a macro project.
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_STREAMS = {"worddocument": DOC, "workbook": XLS, "book": XLS, "powerpoint document": PPT}
OLE_MACROS = {"macros", "_vba_project_cur", "_vba_project", "vba"}
# Served under one neutral type by the first version of the dialogue; still downloadable.
OLE_TYPE = "application/x-ole-storage"

# The extensions a file of each type may keep; the first is the one it gets otherwise.
EXTENSIONS = {
    PDF: (".pdf",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    PPTX: (".pptx",),
    DOC: (".doc",),
    XLS: (".xls",),
    PPT: (".ppt",),
    OLE_TYPE: (".doc", ".xls", ".ppt"),
}


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
    """The package's type by its main part, or None (no package, no main part, macros)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            info = archive.getinfo(CONTENT_TYPES) if CONTENT_TYPES in names else None
            if info is None or info.file_size > CONTENT_TYPES_MAX_BYTES:
                return None
            data = archive.read(info)
            # No DTD, so no entities to expand; ElementTree never fetches external ones.
            if b"<!DOCTYPE" in data.upper():
                return None
            types = ElementTree.fromstring(data)  # noqa: S314 - bounded, no DTD (above)
    except (zipfile.BadZipFile, ElementTree.ParseError, ValueError, OSError, RuntimeError):
        return None
    if any(PurePath(name).name.lower() == "vbaproject.bin" for name in names):
        return None
    declared = [node.get("ContentType", "").lower() for node in types.iter()]
    if any("macroenabled" in value or "vba" in value for value in declared):
        return None
    parts = {name.lower() for name in names}
    found = {
        OOXML_MAIN[node.get("ContentType", "")]
        for node in types.iter(f"{TYPES_NS}Override")
        if node.get("ContentType", "") in OOXML_MAIN
        and node.get("PartName", "").lstrip("/").lower() in parts
    }
    return found.pop() if len(found) == 1 else None


def _ole_names(content: bytes) -> set[str] | None:
    """The names of the streams and storages at the top of an OLE compound file (MS-CFB), in
    lower case; None when it cannot be read. The directory is followed through the file
    allocation table, every sector number checked and no sector or entry visited twice; an
    object embedded in a document (a sheet in a Word file) sits lower down and is not named."""
    if len(content) < 512:
        return None
    (shift,) = struct.unpack_from("<H", content, 0x1E)
    if shift not in (9, 12):
        return None
    size = 1 << shift
    sectors = (len(content) - size) // size
    fat_count, directory = struct.unpack_from("<II", content, 0x2C)
    difat_next, difat_count = struct.unpack_from("<II", content, 0x44)
    fat_sectors = list(struct.unpack_from("<109I", content, 0x4C))
    per_sector = size // 4
    seen = set()
    while difat_count and difat_next < sectors and difat_next not in seen:
        seen.add(difat_next)
        entries = struct.unpack_from(f"<{per_sector}I", content, (difat_next + 1) * size)
        fat_sectors.extend(entries[:-1])
        difat_next, difat_count = entries[-1], difat_count - 1
    fat = []
    for number in fat_sectors[:fat_count]:
        if number >= sectors:
            return None
        fat.extend(struct.unpack_from(f"<{per_sector}I", content, (number + 1) * size))
    entries, seen = [], set()
    while directory < sectors and directory < len(fat) and directory not in seen:
        seen.add(directory)
        offset = (directory + 1) * size
        for entry in range(offset, offset + size, 128):
            length, kind = struct.unpack_from("<HB", content, entry + 0x40)
            left, right, child = struct.unpack_from("<III", content, entry + 0x44)
            name = content[entry : entry + max(length - 2, 0)].decode("utf-16-le", "replace")
            entries.append((name.lower(), kind, left, right, child))
        directory = fat[directory]
    if not entries or entries[0][1] != 5:  # the first entry is the root storage
        return None
    # The root's children are a tree of siblings (left, right) under its ``child``.
    names, todo, visited = set(), [entries[0][4]], set()
    while todo:
        number = todo.pop()
        if number >= len(entries) or number in visited:
            continue
        visited.add(number)
        name, kind, left, right, _child = entries[number]
        if kind in (1, 2):
            names.add(name)
        todo += [left, right]
    return names or None


def _ole(content: bytes) -> str | None:
    try:
        names = _ole_names(content)
    except struct.error:
        return None
    if not names or names & OLE_MACROS:
        return None
    found = {OLE_STREAMS[name] for name in names if name in OLE_STREAMS}
    return found.pop() if len(found) == 1 else None


def detect_type(content: bytes) -> str | None:
    """The content type the bytes are, or None when they are none the dialogue takes."""
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(OLE):
        return _ole(content)
    if content.startswith(b"PK\x03\x04"):
        return _ooxml(content)
    if _pdf(content):
        return PDF
    return None


def download_name(name: str, content_type: str) -> str:
    """``name`` with the extension of what the file is: kept when it fits, else replaced."""
    allowed = EXTENSIONS.get(content_type)
    if not allowed:
        return name
    path = PurePath(name)
    if path.suffix.lower() in allowed:
        return name
    stem = path.stem if path.suffix else name
    return stem[: NAME_MAX_LENGTH - len(allowed[0])] + allowed[0]


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
        checked.append(
            CheckedFile(upload, download_name(name, content_type), content_type, upload.size)
        )
    return checked
