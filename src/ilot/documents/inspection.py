"""Inspection of PDFs (pypdfium2, pypdf) and images (Pillow) before they enter the data room.

PDF: page count, encryption (accepted, flagged, no preview), active content (JavaScript,
OpenAction, Launch, embedded files: flagged, never executed since nothing here runs it),
and a clear error for truncated or malformed files. pdfium is the judge of "can be
opened" (it is what renders previews); pypdf walks the document structure for actions,
and a raw token scan catches what a damaged structure would hide.

Images: format, dimensions, frames, with a decompression-bomb guard: the pixel count is
read from the header and checked *before* any pixel is decoded.

Both read from seekable files without loading the document: pdfium pulls the bytes it
needs through a file callback, pypdf resolves objects lazily.
"""

from __future__ import annotations

import io
import logging
import re
import struct
import threading
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, UnidentifiedImageError

from ilot.documents.exceptions import (
    DecompressionBomb,
    EmptyFile,
    MalformedDocument,
    TruncatedDocument,
)

PDFIUM_LOCK = threading.RLock()
"""PDFium is not thread-safe: every pdfium call in the process holds this lock."""

DEFAULT_MAX_PIXELS = 150_000_000
"""An A0 plan scanned at 300 dpi is ~140 Mpx; beyond that, treat as a bomb."""
DEFAULT_MAX_FRAMES = 1000
_SCAN_CHUNK = 1024 * 1024
_TOKENS = {
    "javascript": re.compile(rb"/(?:JavaScript|JS)(?=[\s/<(\[])"),
    "launch": re.compile(rb"/Launch(?=[\s/<>(\[])"),
    "open_action": re.compile(rb"/OpenAction(?=[\s/<(\[])"),
    "embedded_files": re.compile(rb"/EmbeddedFiles?(?=[\s/<>(\[])"),
}
_ANY_TOKEN = re.compile(rb"/(?:JavaScript|JS|Launch|OpenAction|EmbeddedFiles?)(?=[\s/<>(\[])")
"""One pass for all of `_TOKENS` (each match is then named by them): the scan reads whole
files, gigabytes for a large upload, and four passes cost four times as much."""
_TOKEN_OVERLAP = 32
"""Bytes kept across pieces by `TokenScanner`: more than the longest token and its delimiter."""
_MAX_ACTION_DEPTH = 8

# Pillow's own guard protects every Image.open in the process (OCR, previews too); never
# loosen a stricter value set elsewhere.
if Image.MAX_IMAGE_PIXELS is None or Image.MAX_IMAGE_PIXELS > DEFAULT_MAX_PIXELS:
    Image.MAX_IMAGE_PIXELS = DEFAULT_MAX_PIXELS


@dataclass(frozen=True)
class PdfReport:
    """What a PDF is and holds. `flags` lists what the data room shows as warnings."""

    page_count: int | None
    encrypted: bool
    needs_password: bool
    javascript: bool
    open_action: bool
    launch: bool
    embedded_files: bool
    version: str | None

    @property
    def flags(self) -> tuple[str, ...]:
        names = ("encrypted", "javascript", "open_action", "launch", "embedded_files")
        return tuple(name for name in names if getattr(self, name))

    @property
    def previewable(self) -> bool:
        # Even an owner-password-only file is not previewed: its author restricted it.
        return not self.encrypted


@dataclass(frozen=True)
class ImageReport:
    """An image's format, first-frame dimensions and frame count (multi-page TIFF)."""

    format: str
    width: int
    height: int
    mode: str
    frames: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


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
            source.seek(position)


def _size(fh: IO[bytes]) -> int:
    fh.seek(0, io.SEEK_END)
    size = fh.tell()
    fh.seek(0)
    return size


# --- PDF ----------------------------------------------------------------------------------


def inspect_pdf(
    source: IO[bytes] | bytes | str | Path, *, tokens: Mapping[str, bool] | None = None
) -> PdfReport:
    """Inspect a PDF; raises `EmptyFile`, `TruncatedDocument` or `MalformedDocument`.

    `tokens` is the result of a `TokenScanner` fed the whole file while it was written
    (tus staging): the raw token scan then needs no pass over the file. Without it, the
    file is scanned here.
    """
    with _opened(source) as fh:
        size = _size(fh)
        if size == 0:
            raise EmptyFile()
        head = fh.read(1024)
        marker = head.find(b"%PDF-")
        if marker < 0:
            raise MalformedDocument(params={"reason": "no PDF header"})
        version = head[marker + 5 : marker + 8].decode("ascii", "replace")
        fh.seek(max(0, size - 2048))
        if b"%%EOF" not in fh.read():
            # pdfium would "repair" a cut file and show its first pages as if complete;
            # a missing end marker means the upload lost its end, so say so.
            raise TruncatedDocument()
        page_count, needs_password = _pdfium_pages(fh)
        if tokens is not None:
            scan = {name: bool(tokens[name]) for name in _TOKENS}
        else:
            scan = _scan_tokens(fh)
        structure = _scan_structure(fh)
    encrypted = needs_password or structure.pop("encrypted", False)
    if page_count is None and not needs_password:
        page_count = structure.get("page_count")
    return PdfReport(
        page_count=page_count,
        encrypted=bool(encrypted),
        needs_password=needs_password,
        javascript=scan["javascript"] or bool(structure.get("javascript")),
        open_action=scan["open_action"] or bool(structure.get("open_action")),
        launch=scan["launch"] or bool(structure.get("launch")),
        embedded_files=scan["embedded_files"] or bool(structure.get("embedded_files")),
        version=version,
    )


def _pdfium_pages(fh: IO[bytes]) -> tuple[int | None, bool]:
    fh.seek(0)
    with PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(fh)
        except pdfium.PdfiumError as exc:
            if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
                return None, True
            raise MalformedDocument(params={"reason": "PDF structure unreadable"}) from exc
        try:
            pages = len(doc)
        finally:
            doc.close()
    if pages == 0:
        raise MalformedDocument(params={"reason": "the PDF has no pages"})
    return pages, False


def _scan_tokens(fh: IO[bytes]) -> dict[str, bool]:
    """Raw scan for action names (catches what a broken structure hides); streamed."""
    scanner = TokenScanner()
    fh.seek(0)
    while not scanner.complete:
        chunk = fh.read(_SCAN_CHUNK)
        if not chunk:
            break
        scanner.update(chunk)
    return scanner.result()


class TokenScanner:
    """The raw token scan of `_scan_tokens`, fed piece by piece (e.g. while a file is written).

    Pieces may be cut anywhere, even inside a token: the last `_TOKEN_OVERLAP` bytes seen
    are kept and scanned again together with the start of the next piece, so a token (and
    the delimiter after it) spanning a boundary is found exactly as in one pass. `size`
    counts the bytes fed, so a caller can check the scan covers the whole file.
    """

    __slots__ = ("_tail", "found", "size")

    def __init__(self) -> None:
        self.found = dict.fromkeys(_TOKENS, False)
        self.size = 0
        self._tail = b""

    @property
    def complete(self) -> bool:
        """Every token found: nothing further can change the result."""
        return all(self.found.values())

    def update(self, data: bytes | bytearray | memoryview) -> None:
        length = len(data)
        if not length:
            return
        self.size += length
        if self.complete:
            return
        if self._tail:
            # Only what crosses the boundary: the piece itself is scanned next, without
            # copying it into a new window.
            self._match(self._tail + bytes(data[:_TOKEN_OVERLAP]))
        self._match(data)
        self._tail = (self._tail + bytes(data[-_TOKEN_OVERLAP:]))[-_TOKEN_OVERLAP:]

    def _match(self, window: bytes | bytearray | memoryview) -> None:
        found = self.found
        for match in _ANY_TOKEN.finditer(window):
            for name, pattern in _TOKENS.items():
                if not found[name] and pattern.match(window, match.start()):
                    found[name] = True

    def copy(self) -> TokenScanner:
        other = TokenScanner()
        other.found = dict(self.found)
        other.size = self.size
        other._tail = self._tail
        return other

    def result(self) -> dict[str, bool]:
        return dict(self.found)


def _scan_structure(fh: IO[bytes]) -> dict[str, Any]:
    """Walk the catalog, pages and annotations for actions; best effort, never raises."""
    import pypdf
    from pypdf.errors import DependencyError, PyPdfError

    result: dict[str, Any] = {}
    fh.seek(0)
    pypdf_logger = logging.getLogger("pypdf")
    previous = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)  # its repair warnings are noise here
    try:
        reader = pypdf.PdfReader(fh, strict=False)
        result["encrypted"] = reader.is_encrypted
        if reader.is_encrypted and not reader.decrypt(""):
            return result
        root: Any = reader.trailer["/Root"].get_object()
        _actions_in(root.get("/OpenAction"), result, open_action=True)
        _actions_in(root.get("/AA"), result, open_action=True)
        names = _resolve(root.get("/Names")) or {}
        if names.get("/JavaScript") is not None:
            result["javascript"] = True
        if names.get("/EmbeddedFiles") is not None:
            result["embedded_files"] = True
        result["page_count"] = len(reader.pages)
        for page in reader.pages:
            _actions_in(page.get("/AA"), result)
            for annot in _resolve(page.get("/Annots")) or []:
                annot = _resolve(annot) or {}
                _actions_in(annot.get("/A"), result)
                _actions_in(annot.get("/AA"), result)
                if annot.get("/Subtype") == "/FileAttachment":
                    result["embedded_files"] = True
    except (
        PyPdfError,
        DependencyError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        RecursionError,
        OSError,
    ):
        # pdfium already accepted the file; a structure pypdf cannot walk leaves the raw
        # token scan as the only evidence, which is still reported.
        pass
    finally:
        pypdf_logger.setLevel(previous)
    return result


def _resolve(obj: Any) -> Any:
    return obj.get_object() if hasattr(obj, "get_object") else obj


def _actions_in(
    obj: Any, result: dict[str, Any], *, open_action: bool = False, depth: int = 0
) -> None:
    obj = _resolve(obj)
    if obj is None or depth > _MAX_ACTION_DEPTH:
        return
    if open_action:
        result["open_action"] = True
    if isinstance(obj, list):
        for item in obj:
            _actions_in(item, result, depth=depth + 1)
        return
    if not hasattr(obj, "get"):
        return
    kind = obj.get("/S")
    if kind == "/JavaScript" or obj.get("/JS") is not None:
        result["javascript"] = True
    if kind == "/Launch":
        result["launch"] = True
    if kind is None:
        # An additional-actions dictionary: its values are actions (/O, /C, /K, ...).
        for key in list(obj.keys()):
            _actions_in(obj.get(key), result, depth=depth + 1)
    _actions_in(obj.get("/Next"), result, depth=depth + 1)


# --- images -------------------------------------------------------------------------------


def inspect_image(
    source: IO[bytes] | bytes | str | Path,
    *,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    max_frames: int = DEFAULT_MAX_FRAMES,
) -> ImageReport:
    """Inspect an image; raises `DecompressionBomb`, `TruncatedDocument`, `MalformedDocument`."""
    with _opened(source) as fh:
        if _size(fh) == 0:
            raise EmptyFile()
        with _bomb_guard(max_pixels):
            try:
                img = Image.open(fh)
                with img:
                    width, height = img.size
                    _check_pixels(width, height, max_pixels)
                    fmt, mode = img.format or "unknown", img.mode
                    frames = _count_frames(img, max_pixels, max_frames)
                    img.seek(0)
                    _check_decodes(img)
            except UnidentifiedImageError as exc:
                raise MalformedDocument(params={"reason": "unreadable image"}) from exc
            except _DECODER_ERRORS as exc:
                # Pillow's plugins fail in many ways on hostile input; all mean "damaged".
                raise _damaged(exc) from exc
    return ImageReport(format=fmt, width=width, height=height, mode=mode, frames=frames)


@contextmanager
def _bomb_guard(max_pixels: int) -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            # Pillow refused at open (far beyond its own limit); its message has the size.
            found = re.search(r"\((\d+) pixels\)", str(exc))
            pixels: int | str = int(found.group(1)) if found else "?"
            raise DecompressionBomb(params={"pixels": pixels, "limit": max_pixels}) from exc


def _check_pixels(width: int, height: int, max_pixels: int) -> None:
    if width <= 0 or height <= 0:
        raise MalformedDocument(params={"reason": "image has no pixels"})
    if width * height > max_pixels:
        raise DecompressionBomb(params={"pixels": width * height, "limit": max_pixels})


def _count_frames(img: Image.Image, max_pixels: int, max_frames: int) -> int:
    frames = int(getattr(img, "n_frames", 1))
    if frames > max_frames:
        raise DecompressionBomb(params={"pixels": f"{frames} frames", "limit": max_frames})
    for index in range(1, frames):
        img.seek(index)
        _check_pixels(*img.size, max_pixels)
    return frames


def _check_decodes(img: Image.Image) -> None:
    """Decode enough to catch truncation without holding a full-size bitmap."""
    if img.format == "JPEG":
        # Draft mode decodes at 1/8 scale: the whole entropy stream is still read.
        img.draft("RGB", (max(1, img.size[0] // 8), max(1, img.size[1] // 8)))
        img.load()
    else:
        # PNG: verify() walks every chunk and checks its CRC; others: header sanity.
        img.verify()


_DECODER_ERRORS = (OSError, SyntaxError, ValueError, AttributeError, EOFError, struct.error)


def _damaged(exc: BaseException) -> MalformedDocument:
    if "truncat" in str(exc).lower():
        return TruncatedDocument()
    return MalformedDocument(params={"reason": "image data is damaged"})
