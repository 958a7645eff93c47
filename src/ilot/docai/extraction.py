"""Type detection by content and text extraction, page by page.

PDFs are read through pypdfium2 one page at a time (a 500-page document never has more than one
page object open), DOCX through python-docx, XLSX through openpyxl in read-only mode, plain text
as is. Images carry no text: they are handed to OCR by the pipeline. ``usable_text`` decides
which PDF pages need OCR; a page whose text layer is usable is never OCRed.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import magic

# Content kinds the pipeline knows how to read.
PDF, DOCX, XLSX, TEXT, IMAGE, UNKNOWN, EMPTY = (
    "pdf",
    "docx",
    "xlsx",
    "text",
    "image",
    "unknown",
    "empty",
)

_IMAGE_MIMES = {"image/png", "image/jpeg", "image/tiff", "image/bmp", "image/gif", "image/webp"}
_HEAD_BYTES = 8192


class ExtractionError(Exception):
    """The file cannot be read (encrypted, corrupt, unsupported); ``code`` is stable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class PageText:
    index: int  # 0-based page number
    text: str
    source: str = "text_layer"  # "text_layer" | "ocr" | "none"
    usable: bool = True
    reason: str = ""  # why the text layer was judged unusable
    ocr_confidence: float | None = None
    rotation: int = 0  # degrees applied before OCR
    seconds: float = 0.0
    error: str | None = None


@dataclass
class Extracted:
    path: Path
    kind: str
    mime: str
    pages: list[PageText] = field(default_factory=list)
    attachments: int = 0  # embedded files (Factur-X XML lives there)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def has_text_layer(self) -> bool:
        return any(p.source == "text_layer" and p.usable for p in self.pages)

    @property
    def text(self) -> str:
        return "\n\f".join(p.text for p in self.pages)


# --------------------------------------------------------------------------- type detection


def detect_kind(path: Path) -> tuple[str, str]:
    """Return (kind, mime) from the file's bytes, never from its name."""
    with path.open("rb") as fh:
        head = fh.read(_HEAD_BYTES)
    if not head:
        return EMPTY, "inode/x-empty"
    mime = magic.from_buffer(head, mime=True)
    if head.startswith(b"%PDF") or mime == "application/pdf" or b"%PDF-" in head[:1024]:
        return PDF, "application/pdf"
    if mime in _IMAGE_MIMES or mime.startswith("image/"):
        return IMAGE, mime
    if mime.startswith("application/vnd.openxmlformats-officedocument.wordprocessingml"):
        return DOCX, mime
    if mime.startswith("application/vnd.openxmlformats-officedocument.spreadsheetml"):
        return XLSX, mime
    if mime in {"application/zip", "application/octet-stream"} and head.startswith(b"PK"):
        # libmagic reports some OOXML files as plain zip: look at the members.
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            return UNKNOWN, mime
        if "word/document.xml" in names:
            return DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "xl/workbook.xml" in names:
            return XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return UNKNOWN, mime
    if mime.startswith("text/") or _looks_like_text(head):
        return TEXT, mime if mime.startswith("text/") else "text/plain"
    return UNKNOWN, mime


def _looks_like_text(head: bytes) -> bool:
    try:
        sample = head.decode("utf-8")
    except UnicodeDecodeError:
        sample = head.decode("latin-1")
    printable = sum(ch.isprintable() or ch in "\n\r\t\f" for ch in sample)
    return printable / max(len(sample), 1) > 0.95


# --------------------------------------------------------------------------- usable text

# Frequent short words of French and English: a text layer in which these appear only once the
# words are reversed was written right-to-left or mirrored (a known pdf producer bug).
_COMMON_WORDS = frozenset(
    [
        "de",
        "la",
        "le",
        "les",
        "des",
        "et",
        "en",
        "du",
        "un",
        "une",
        "pour",
        "par",
        "sur",
        "au",
        "aux",
        "est",
        "dans",
        "que",
        "qui",
        "ne",
        "pas",
        "avec",
        "son",
        "sa",
        "ses",
        "ce",
        "cette",
        "il",
        "elle",
        "nous",
        "vous",
        "date",
        "montant",
        "total",
        "facture",
        "societe",
        "adresse",
        "page",
        "the",
        "and",
        "of",
        "to",
        "in",
        "for",
        "is",
        "on",
        "with",
        "by",
        "from",
        "this",
        "that",
        "are",
        "be",
        "at",
        "or",
        "as",
        "an",
        "invoice",
        "amount",
    ]
)
_WORD_RE = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
MIN_CHARS = 25  # fewer non-space characters than a short sentence: nothing worth keeping
MIN_LETTERS = 12


def text_quality(text: str) -> tuple[bool, str]:
    """Judge a page's text layer; return (usable, reason when not)."""
    chars = [ch for ch in text if not ch.isspace()]
    n = len(chars)
    if n < MIN_CHARS:
        return False, "too_short"
    bad = sum(
        1 for ch in chars if ch == "\ufffd" or unicodedata.category(ch) in {"Cc", "Co", "Cn", "Cs"}
    )
    if bad / n > 0.1:
        return False, "garbage"
    letters = sum(ch.isalpha() for ch in chars)
    alnum = letters + sum(ch.isdigit() for ch in chars)
    if letters < MIN_LETTERS or alnum / n < 0.5:
        return False, "non_letters"
    words = _WORD_RE.findall(text.lower())
    if len(words) >= 4:
        # Lots of distinct characters but almost no recognisable word, e.g. a stamp or
        # a font with a broken ToUnicode map producing "Kçãòé" soup.
        forward = sum(w in _COMMON_WORDS for w in words)
        backward = sum(w[::-1] in _COMMON_WORDS for w in words)
        if backward >= 3 and backward > 2 * forward:
            return False, "reversed"
    if n < 60 or (len(words) < 6 and n < 120):
        # A date stamp, "COPIE", a Bates number over a scanned image: not the page's content.
        return False, "stamp_only"
    return True, ""


def usable_text(page_text: str) -> bool:
    """Whether a text layer is good enough to skip OCR of that page."""
    return text_quality(page_text)[0]


# --------------------------------------------------------------------------- readers


def iter_pdf_pages(path: Path, password: str | None = None) -> Iterator[PageText]:
    """Yield each page's text layer; only one page is loaded at any time."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        raise _pdf_error(exc) from exc
    try:
        for index in range(len(pdf)):
            page = pdf.get_page(index)
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_bounded()
                finally:
                    textpage.close()
            finally:
                page.close()
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            ok, reason = text_quality(text)
            yield PageText(index=index, text=text, source="text_layer", usable=ok, reason=reason)
    finally:
        pdf.close()


def pdf_info(path: Path) -> tuple[int, int]:
    """(page count, attachment count) without reading pages."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise _pdf_error(exc) from exc
    try:
        return len(pdf), pdf.count_attachments()
    finally:
        pdf.close()


def _pdf_error(exc: Exception) -> ExtractionError:
    message = str(exc)
    if "password" in message.lower() or "security" in message.lower():
        return ExtractionError("encrypted", "PDF is encrypted with a password")
    return ExtractionError("corrupt_pdf", f"PDF cannot be opened: {message}")


def read_docx(path: Path) -> list[PageText]:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on damaged zips
        raise ExtractionError("corrupt_docx", f"DOCX cannot be opened: {exc}") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    text = "\n".join(lines)
    return [PageText(index=0, text=text, usable=usable_text(text))]


def read_xlsx(path: Path, max_rows: int = 5000) -> list[PageText]:
    """One page per sheet; rows capped because a data dump says what it is in its first rows."""
    import openpyxl

    try:
        # A file object, because openpyxl refuses names without an .xlsx extension.
        workbook = openpyxl.load_workbook(path.open("rb"), read_only=True, data_only=True)
    except Exception as exc:
        raise ExtractionError("corrupt_xlsx", f"XLSX cannot be opened: {exc}") from exc
    pages: list[PageText] = []
    try:
        for index, sheet in enumerate(workbook.worksheets):
            rows: list[str] = [sheet.title]
            for n, row in enumerate(sheet.iter_rows(values_only=True)):
                if n >= max_rows:
                    break
                cells = ["" if v is None else str(v) for v in row]
                if any(cells):
                    rows.append("\t".join(cells))
            text = "\n".join(rows)
            pages.append(PageText(index=index, text=text, usable=usable_text(text)))
    finally:
        workbook.close()
    return pages


def read_text(path: Path, max_bytes: int = 4_000_000) -> list[PageText]:
    with path.open("rb") as fh:
        raw = fh.read(max_bytes)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    chunks = text.split("\f") if "\f" in text else [text]
    return [PageText(index=i, text=t, usable=usable_text(t)) for i, t in enumerate(chunks)]


def image_frames(path: Path) -> int:
    from PIL import Image

    try:
        with Image.open(path) as img:
            return int(getattr(img, "n_frames", 1))
    except Exception as exc:
        raise ExtractionError("corrupt_image", f"image cannot be opened: {exc}") from exc


def extract(path: Path) -> Extracted:
    """Detect the type and read every page's own text (no OCR here).

    Pages that need OCR come back with ``usable=False``; the pipeline's OCR step fills them in.
    """
    path = Path(path)
    if not path.is_file():
        raise ExtractionError("not_found", f"no such file: {path}")
    kind, mime = detect_kind(path)
    doc = Extracted(path=path, kind=kind, mime=mime)
    if kind == EMPTY:
        raise ExtractionError("empty", "file is empty (0 bytes)")
    if kind == PDF:
        _count, doc.attachments = pdf_info(path)
        doc.pages = list(iter_pdf_pages(path))
        if not doc.pages:
            raise ExtractionError("empty_pdf", "PDF has no pages")
    elif kind == DOCX:
        doc.pages = read_docx(path)
    elif kind == XLSX:
        doc.pages = read_xlsx(path)
    elif kind == TEXT:
        doc.pages = read_text(path)
    elif kind == IMAGE:
        frames = image_frames(path)
        doc.pages = [
            PageText(index=i, text="", source="none", usable=False, reason="image")
            for i in range(frames)
        ]
    else:
        raise ExtractionError("unsupported", f"unsupported file type {mime}")
    return doc
