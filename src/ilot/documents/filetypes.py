"""File type decided from the content (libmagic plus structural checks), never the name.

Accepted: PDF, PNG, JPEG, TIFF, DOCX, XLSX, ODT, TXT, ZIP, EML. Office documents are zips;
libmagic's guess for them depends on the order of the zip entries, so the decision is made
from their internal structure instead: the main part declared in `[Content_Types].xml`
(DOCX, XLSX) or the `mimetype` entry (ODT). Macro-enabled variants (docm, xlsm) and other
office formats (pptx, ods...) are refused rather than expanded as plain zips.

The declared extension is only compared with the detected type: a mismatch is flagged
(`Detection.extension_mismatch`), the content wins. Reading is bounded: the first
`HEAD_SIZE` bytes for libmagic and, for zips, the central directory plus one small entry.
"""

from __future__ import annotations

import email.parser
import enum
import io
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import magic

from ilot.documents.exceptions import DocumentError, EmptyFile, UnsupportedType

HEAD_SIZE = 64 * 1024
_MAX_PART_READ = 1024 * 1024


class FileKind(enum.StrEnum):
    PDF = "pdf"
    PNG = "png"
    JPEG = "jpeg"
    TIFF = "tiff"
    DOCX = "docx"
    XLSX = "xlsx"
    ODT = "odt"
    TXT = "txt"
    ZIP = "zip"
    EML = "eml"


MIME_TYPES: dict[FileKind, str] = {
    FileKind.PDF: "application/pdf",
    FileKind.PNG: "image/png",
    FileKind.JPEG: "image/jpeg",
    FileKind.TIFF: "image/tiff",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.ODT: "application/vnd.oasis.opendocument.text",
    FileKind.TXT: "text/plain",
    FileKind.ZIP: "application/zip",
    FileKind.EML: "message/rfc822",
}
"""The canonical MIME type served for each kind (downloads, Content-Type)."""

EXTENSIONS: dict[FileKind, frozenset[str]] = {
    FileKind.PDF: frozenset({"pdf"}),
    FileKind.PNG: frozenset({"png"}),
    FileKind.JPEG: frozenset({"jpg", "jpeg", "jpe", "jfif"}),
    FileKind.TIFF: frozenset({"tif", "tiff"}),
    FileKind.DOCX: frozenset({"docx"}),
    FileKind.XLSX: frozenset({"xlsx"}),
    FileKind.ODT: frozenset({"odt"}),
    FileKind.TXT: frozenset({"txt", "text", "csv", "log", "md"}),
    FileKind.ZIP: frozenset({"zip"}),
    FileKind.EML: frozenset({"eml"}),
}
"""Extensions that agree with each kind; the first sorted one is suggested on mismatch."""

_PREFERRED_EXTENSION: dict[FileKind, str] = {
    FileKind.JPEG: "jpg",
    FileKind.TIFF: "tif",
    FileKind.TXT: "txt",
}

_SIMPLE_MIMES: dict[str, FileKind] = {
    "application/pdf": FileKind.PDF,
    "image/png": FileKind.PNG,
    "image/jpeg": FileKind.JPEG,
    "image/tiff": FileKind.TIFF,
}
# Plain text only: HTML, SVG, XML and scripts are text too, but active content.
_TEXT_MIMES = frozenset({"text/plain", "text/csv"})
_ZIP_MIMES_PREFIXES = ("application/zip", "application/x-zip", "application/vnd.openxmlformats")
_ODF_PREFIX = "application/vnd.oasis.opendocument"

_OOXML_MAIN: dict[str, FileKind] = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": (
        FileKind.DOCX
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": FileKind.XLSX,
}

MISMATCH_MESSAGES = {
    "en": "The file's extension (.{extension}) does not match its content ({kind}).",
    "fr": "L'extension du fichier (.{extension}) ne correspond pas à son contenu ({kind}).",
}

_magic_lock = threading.Lock()
_magic: magic.Magic | None = None


@dataclass(frozen=True)
class Detection:
    """What a file is: its kind (None when refused), MIME, and whether its name agrees."""

    kind: FileKind | None
    mime: str
    size: int
    extension: str
    extension_mismatch: bool
    error: DocumentError | None = None

    @property
    def accepted(self) -> bool:
        return self.kind is not None and self.error is None

    @property
    def suggested_extension(self) -> str | None:
        """The extension the file should carry (e.g. to rename on download)."""
        if self.kind is None:
            return None
        return _PREFERRED_EXTENSION.get(self.kind, sorted(EXTENSIONS[self.kind])[0])

    def mismatch_message(self, lang: str = "en") -> str | None:
        """The user-facing warning for a wrong extension, or None."""
        if not self.extension_mismatch or self.kind is None:
            return None
        template = MISMATCH_MESSAGES["fr" if lang.lower().startswith("fr") else "en"]
        return template.format(extension=self.extension, kind=self.kind.value.upper())


def _libmagic(head: bytes) -> str:
    global _magic
    # python-magic handles are not safe to share between threads without a lock.
    with _magic_lock:
        if _magic is None:
            _magic = magic.Magic(mime=True)
        return str(_magic.from_buffer(head))


@contextmanager
def _opened(source: IO[bytes] | bytes | str | Path) -> Iterator[IO[bytes]]:
    if isinstance(source, bytes | bytearray):
        yield io.BytesIO(source)
    elif isinstance(source, str | Path):
        with open(source, "rb") as fh:
            yield fh
    else:
        position = source.tell()
        try:
            yield source
        finally:
            # Callers keep streaming the same file afterwards (storage, inspection).
            source.seek(position)


def extension_of(filename: str | None) -> str:
    """Lower-case extension without the dot ("" when none)."""
    if not filename:
        return ""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    if "." not in name.strip("."):
        return ""
    return name.rsplit(".", 1)[-1].strip().lower()


def detect(source: IO[bytes] | bytes | str | Path, filename: str | None = None) -> Detection:
    """Identify a file from its content; never raises for a refused type (see `error`).

    `source` is a seekable binary file (its position is restored), bytes, or a path.
    """
    extension = extension_of(filename)
    with _opened(source) as fh:
        fh.seek(0, io.SEEK_END)
        size = fh.tell()
        fh.seek(0)
        head = fh.read(HEAD_SIZE)
        if size == 0:
            return Detection(None, "application/x-empty", 0, extension, False, EmptyFile())
        mime = _libmagic(head)
        kind, refined = _classify(fh, head, mime)
    if kind is None:
        error: DocumentError = UnsupportedType(params={"mime": refined})
        return Detection(None, refined, size, extension, False, error)
    mismatch = extension not in EXTENSIONS[kind]
    return Detection(kind, MIME_TYPES[kind], size, extension, mismatch)


def require_accepted(
    source: IO[bytes] | bytes | str | Path, filename: str | None = None
) -> Detection:
    """`detect`, raising its error (`EmptyFile`, `UnsupportedType`) when refused."""
    result = detect(source, filename)
    if result.error is not None:
        raise result.error
    return result


def _classify(fh: IO[bytes], head: bytes, mime: str) -> tuple[FileKind | None, str]:
    if mime in _SIMPLE_MIMES:
        kind = _SIMPLE_MIMES[mime]
        if kind is FileKind.PDF and b"%PDF-" not in head[:1024]:
            return None, mime
        return kind, mime
    if head.startswith(b"PK\x03\x04") or mime.startswith((*_ZIP_MIMES_PREFIXES, _ODF_PREFIX)):
        return _classify_zip(fh, mime)
    if mime == "message/rfc822" or mime in _TEXT_MIMES:
        if _looks_like_email(head):
            return FileKind.EML, "message/rfc822"
        if _is_plain_text(head):
            return FileKind.TXT, "text/plain"
        return None, mime
    return None, mime


def _classify_zip(fh: IO[bytes], mime: str) -> tuple[FileKind | None, str]:
    fh.seek(0)
    try:
        with zipfile.ZipFile(fh) as zf:
            names = set(zf.namelist())
            if "[Content_Types].xml" in names:
                return _classify_ooxml(zf, names)
            if "mimetype" in names:
                declared = _read_part(zf, "mimetype").decode("ascii", "replace").strip()
                if declared == MIME_TYPES[FileKind.ODT] and "content.xml" in names:
                    return FileKind.ODT, declared
                if declared.startswith(_ODF_PREFIX):
                    return None, declared
            return FileKind.ZIP, MIME_TYPES[FileKind.ZIP]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        # Starts like a zip but has no readable central directory: truncated or forged.
        return None, mime if mime != "application/zip" else "application/zip (damaged)"


def _classify_ooxml(zf: zipfile.ZipFile, names: set[str]) -> tuple[FileKind | None, str]:
    types = _read_part(zf, "[Content_Types].xml").decode("utf-8", "replace")
    for main_type, kind in _OOXML_MAIN.items():
        if main_type in types:
            required = "word/document.xml" if kind is FileKind.DOCX else "xl/workbook.xml"
            main_present = required in names or any(
                n.endswith(required.split("/", 1)[1]) for n in names
            )
            if main_present and "vbaProject.bin" not in " ".join(names):
                return kind, MIME_TYPES[kind]
    if "macroEnabled" in types or "vbaProject" in types:
        return None, "application/vnd.ms-office.macroEnabled"
    return None, "application/vnd.openxmlformats-officedocument (other)"


def _read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    with zf.open(name) as part:
        return part.read(_MAX_PART_READ)


def _looks_like_email(head: bytes) -> bool:
    """An RFC 5322 header block with a sender and at least one other message header."""
    header_block = head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    if not header_block or b"\x00" in header_block:
        return False
    try:
        message = email.parser.BytesHeaderParser().parsebytes(header_block)
    except (ValueError, TypeError):
        return False
    keys = {k.lower() for k in message}
    return "from" in keys and bool(keys & {"to", "subject", "date", "message-id"})


def _is_plain_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    sample = head[: HEAD_SIZE - 4]
    try:
        # A cut in the middle of a UTF-8 sequence at the end of the head is expected.
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3:
            return True
    try:
        sample.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False
