"""Per-download watermark on every page of a PDF, streamed, as an incremental update.

The output is the original file, byte for byte, followed by an incremental update (PDF
32000-1 §7.5.6) that redefines each page dictionary so that its content is wrapped as
`q <original content> Q` and followed by a shared Form XObject drawing the watermark:
diagonal semi-transparent text (name, organisation, date, dossier) and a footer line.

Why incremental: only page dictionaries are read and rewritten, never the content
streams, fonts or images, so a 500-page scan is watermarked with memory in proportion
to the number of pages (a few hundred bytes each), and the original bytes are streamed
straight from storage to the client. pypdf is used only to read the page tree (lazily);
objects are written by hand. A file whose cross-reference data is damaged is first
repaired by a full pypdf rewrite into a temporary file (memory-hungry, but rare).

Text is drawn with the standard Helvetica font in WinAnsiEncoding, so it is extractable
(pypdf, pdfium, pdftotext) and needs no embedded font; characters outside Windows-1252
become "?". Encrypted PDFs cannot be updated without their key: `WatermarkError`.
"""

from __future__ import annotations

import io
import logging
import math
import re
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

from ilot.documents.exceptions import MalformedDocument, WatermarkError

_COPY_CHUNK = 1024 * 1024
_OBJ_HEADER_RE = re.compile(rb"\s*\d+\s+\d+\s+obj\s*(\[|<<)?")
_XOBJECT_NAME = "IlotWm"

# Helvetica advance widths (AFM, per 1000 em) for ASCII 32..126; others use 556.
_HELVETICA = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
]  # fmt: skip


@dataclass(frozen=True)
class Watermark:
    """Who downloaded what, and when: the text stamped on every page."""

    name: str
    organisation: str
    dossier: str
    when: datetime | date
    lang: str = "fr"

    def date_text(self) -> str:
        if isinstance(self.when, datetime):
            return self.when.strftime("%d/%m/%Y %H:%M" if self.lang == "fr" else "%Y-%m-%d %H:%M")
        return self.when.strftime("%d/%m/%Y" if self.lang == "fr" else "%Y-%m-%d")

    def diagonal_lines(self) -> list[str]:
        return [
            f"{self.name} \u2014 {self.organisation}",
            f"{self.dossier} \u2014 {self.date_text()}",
        ]

    def footer(self) -> str:
        if self.lang.lower().startswith("fr"):
            return (
                f"Téléchargé par {self.name} ({self.organisation}) le {self.date_text()} "
                f"\u2014 dossier {self.dossier} \u2014 document confidentiel"
            )
        return (
            f"Downloaded by {self.name} ({self.organisation}) on {self.date_text()} "
            f"\u2014 dossier {self.dossier} \u2014 confidential"
        )


def _encode_text(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return (
        raw.replace(b"\\", b"\\\\")
        .replace(b"(", b"\\(")
        .replace(b")", b"\\)")
        .replace(b"\r", b" ")
        .replace(b"\n", b" ")
    )


def _text_width(text: str, size: float) -> float:
    total = 0
    for byte in text.encode("cp1252", errors="replace"):
        total += _HELVETICA[byte - 32] if 32 <= byte <= 126 else 556
    return total * size / 1000


def _num(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def watermark_content(mark: Watermark, width: float, height: float) -> bytes:
    """The drawing operators of the watermark for a displayed page of `width` x `height`."""
    lines = mark.diagonal_lines()
    diagonal = math.hypot(width, height)
    angle = math.atan2(height, width)
    cos, sin = math.cos(angle), math.sin(angle)
    longest = max(_text_width(line, 1) for line in lines) or 1
    size = max(8.0, min(0.7 * diagonal / longest, height / 10, 60.0))
    cx, cy = width / 2, height / 2
    out = [b"q /IlotGSd gs 0.5 0.5 0.5 rg BT"]
    for index, line in enumerate(lines):
        lx = -_text_width(line, size) / 2
        ly = (0.6 - 1.3 * index) * size  # two lines around the centre
        x = cx + lx * cos - ly * sin
        y = cy + lx * sin + ly * cos
        out.append(
            f"/IlotF {_num(size)} Tf {_num(cos)} {_num(sin)} {_num(-sin)} {_num(cos)} "
            f"{_num(x)} {_num(y)} Tm".encode()
            + b" ("
            + _encode_text(line)
            + b") Tj"
        )
    out.append(b"ET Q")
    footer = mark.footer()
    footer_size = 7.0
    margin = 18.0
    available = max(width - 2 * margin, 10)
    if _text_width(footer, footer_size) > available:
        footer_size = max(3.0, footer_size * available / _text_width(footer, footer_size))
    out.append(
        f"q /IlotGSf gs 0.2 0.2 0.2 rg BT /IlotF {_num(footer_size)} Tf "
        f"1 0 0 1 {_num(margin)} {_num(max(4.0, margin / 2))} Tm".encode()
        + b" ("
        + _encode_text(footer)
        + b") Tj ET Q"
    )
    return b"\n".join(out) + b"\n"


def _display_matrix(
    box: tuple[float, float, float, float], rotate: int
) -> tuple[list[float], float, float]:
    """Matrix from upright display coordinates to page space, and the display size.

    Viewers show a page turned clockwise by /Rotate; the watermark must read upright.
    """
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if rotate == 90:
        return [0, 1, -1, 0, x1, y0], h, w
    if rotate == 180:
        return [-1, 0, 0, -1, x1, y1], w, h
    if rotate == 270:
        return [0, -1, 1, 0, x0, y1], h, w
    return [1, 0, 0, 1, x0, y0], w, h


class _Writer:
    """Accumulates the objects of the incremental update and their offsets."""

    def __init__(self, base: int, first_free: int) -> None:
        self.buf = io.BytesIO()
        self.base = base
        self.next_number = first_free
        self.offsets: dict[int, tuple[int, int]] = {}

    def allocate(self) -> int:
        number = self.next_number
        self.next_number += 1
        return number

    def write(self, number: int, body: bytes, generation: int = 0) -> None:
        self.offsets[number] = (self.base + self.buf.tell(), generation)
        self.buf.write(f"{number} {generation} obj\n".encode() + body + b"\nendobj\n")

    def stream(self, number: int, dictionary: str, data: bytes) -> None:
        self.write(
            number,
            f"<< {dictionary} /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream",
        )


def _serialize(obj: Any) -> bytes:
    buf = io.BytesIO()
    obj.write_to_stream(buf)
    return buf.getvalue()


def watermark_pdf(source: IO[bytes], mark: Watermark) -> Iterator[bytes]:
    """Yield the watermarked PDF in chunks (seekable `source`; nothing else held whole).

    Raises `WatermarkError` (encrypted) or `MalformedDocument` before the first chunk.
    """
    plan = _plan(source, mark)
    if plan is None:
        # Damaged cross-references: repair once through pypdf, then update that copy.
        with tempfile.TemporaryFile() as repaired:
            _repair(source, repaired)
            repaired.seek(0)
            plan = _plan(repaired, mark)
            if plan is None:
                raise MalformedDocument(params={"reason": "cross-reference table unreadable"})
            yield from _emit(repaired, plan)
        return
    yield from _emit(source, plan)


def write_watermarked(source: IO[bytes], out: IO[bytes], mark: Watermark) -> int:
    """Write the watermarked PDF to `out`; returns the number of bytes written."""
    total = 0
    for chunk in watermark_pdf(source, mark):
        out.write(chunk)
        total += len(chunk)
    return total


@dataclass(frozen=True)
class _Plan:
    size: int
    separator: bytes
    update: bytes


def _emit(source: IO[bytes], plan: _Plan) -> Iterator[bytes]:
    source.seek(0)
    left = plan.size
    while left > 0:
        chunk = source.read(min(_COPY_CHUNK, left))
        if not chunk:
            raise MalformedDocument(params={"reason": "file changed while reading"})
        left -= len(chunk)
        yield chunk
    yield plan.separator + plan.update


def _reader(source: IO[bytes]) -> Any:
    import pypdf
    from pypdf.errors import PyPdfError

    source.seek(0)
    pypdf_logger = logging.getLogger("pypdf")
    previous = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)  # repair warnings on odd files are noise here
    try:
        reader = pypdf.PdfReader(source, strict=False)
        encrypted = reader.is_encrypted
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise MalformedDocument(params={"reason": "PDF structure unreadable"}) from exc
    finally:
        pypdf_logger.setLevel(previous)
    if encrypted:
        raise WatermarkError(params={"reason": "the PDF is encrypted"})
    return reader


def _startxref(source: IO[bytes], size: int) -> tuple[int, str] | None:
    """Offset and kind ("table" or "stream") of the last cross-reference section."""
    source.seek(max(0, size - 2048))
    tail = source.read()
    at = tail.rfind(b"startxref")
    if at < 0:
        return None
    found = re.match(rb"startxref\s+(\d+)", tail[at:])
    if not found:
        return None
    offset = int(found.group(1))
    if offset >= size:
        return None
    source.seek(offset)
    head = source.read(64)
    if head.lstrip().startswith(b"xref"):
        return offset, "table"
    if _OBJ_HEADER_RE.match(head) and b"/XRef" in _peek(source, offset, 4096):
        return offset, "stream"
    return None


def _peek(source: IO[bytes], offset: int, length: int) -> bytes:
    source.seek(offset)
    return source.read(length)


def _plan(source: IO[bytes], mark: Watermark) -> _Plan | None:
    from pypdf.errors import PyPdfError
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    source.seek(0, io.SEEK_END)
    size = source.tell()
    if size == 0:
        raise MalformedDocument(params={"reason": "empty file"})
    reader = _reader(source)
    xref = _startxref(source, size)
    if xref is None:
        return None
    prev, kind = xref
    last = _peek(source, size - 1, 1)
    separator = b"" if last in (b"\n", b"\r") else b"\n"
    try:
        trailer = reader.trailer
        first_free = int(trailer["/Size"])
        pages = list(reader.pages)
        writer = _Writer(base=size + len(separator), first_free=first_free)
        font, gs_diag, gs_foot, opener = (writer.allocate() for _ in range(4))
        writer.write(
            font,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        )
        writer.write(gs_diag, b"<< /Type /ExtGState /ca 0.18 /CA 0.18 >>")
        writer.write(gs_foot, b"<< /Type /ExtGState /ca 0.8 /CA 0.8 >>")
        writer.stream(opener, "", b"q\n")
        closers: dict[tuple[float, float, float, float, int], tuple[int, int]] = {}
        for page in pages:
            ref = page.indirect_reference
            if ref is None:
                return None
            x0, y0, x1, y1 = (float(v) for v in page.cropbox)
            box = (x0, y0, x1, y1)
            rotate = round((page.rotation or 0) / 90.0) * 90 % 360
            key = (x0, y0, x1, y1, rotate)
            if key not in closers:
                closers[key] = _geometry(writer, mark, box, rotate, font, gs_diag, gs_foot)
            form, closer = closers[key]
            new_page = DictionaryObject()
            for name, value in page.items():
                if name not in ("/Contents", "/Resources"):
                    new_page[NameObject(name)] = value
            contents: list[Any] = [IndirectObject(opener, 0, reader)]
            contents.extend(_content_refs(reader, source, _raw(page, "/Contents")))
            contents.append(IndirectObject(closer, 0, reader))
            new_page[NameObject("/Contents")] = ArrayObject(contents)
            resources = _resolve(_raw(page, "/Resources"))
            new_resources = DictionaryObject()
            if isinstance(resources, dict):
                for name, value in resources.items():
                    new_resources[NameObject(name)] = value
            xobjects = DictionaryObject()
            existing = _resolve(new_resources.get("/XObject"))
            if isinstance(existing, dict):
                for name, value in existing.items():
                    xobjects[NameObject(name)] = value
            if f"/{_XOBJECT_NAME}" in xobjects:
                raise WatermarkError(params={"reason": "the PDF is already watermarked"})
            xobjects[NameObject(f"/{_XOBJECT_NAME}")] = IndirectObject(form, 0, reader)
            new_resources[NameObject("/XObject")] = xobjects
            new_page[NameObject("/Resources")] = new_resources
            writer.write(ref.idnum, _serialize(new_page), ref.generation)
        update = _finish(writer, trailer, prev, kind)
    except (WatermarkError, MalformedDocument):
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise MalformedDocument(params={"reason": "PDF structure unreadable"}) from exc
    return _Plan(size=size, separator=separator, update=update)


def _raw(dictionary: Any, key: str) -> Any:
    """A dictionary value without resolving references (None when absent)."""
    return dictionary.raw_get(key) if key in dictionary else None


def _resolve(obj: Any) -> Any:
    return obj.get_object() if hasattr(obj, "get_object") else obj


def _geometry(
    writer: _Writer,
    mark: Watermark,
    box: tuple[float, float, float, float],
    rotate: int,
    font: int,
    gs_diag: int,
    gs_foot: int,
) -> tuple[int, int]:
    """One Form XObject and one closing content stream per distinct page geometry."""
    matrix, width, height = _display_matrix(box, rotate)
    form, closer = writer.allocate(), writer.allocate()
    writer.stream(
        form,
        f"/Type /XObject /Subtype /Form /BBox [0 0 {_num(width)} {_num(height)}] "
        f"/Resources << /Font << /IlotF {font} 0 R >> "
        f"/ExtGState << /IlotGSd {gs_diag} 0 R /IlotGSf {gs_foot} 0 R >> >>",
        watermark_content(mark, width, height),
    )
    cm = " ".join(_num(v) for v in matrix)
    writer.stream(closer, "", f"Q\nq {cm} cm /{_XOBJECT_NAME} Do Q\n".encode())
    return form, closer


def _content_refs(reader: Any, source: IO[bytes], raw: Any) -> list[Any]:
    """The page's content stream references, without loading any stream's data."""
    from pypdf.generic import IndirectObject

    if raw is None:
        return []
    if isinstance(raw, list):
        return list(raw)
    if not isinstance(raw, IndirectObject):
        return []
    if _points_to_array(reader, source, raw):
        target = raw.get_object()
        return list(target) if isinstance(target, list) else [raw]
    return [raw]


def _points_to_array(reader: Any, source: IO[bytes], ref: Any) -> bool:
    # Streams never live in object streams; an object there can only be an array.
    if ref.idnum in getattr(reader, "xref_objStm", {}):
        return True
    offset = reader.xref.get(ref.generation, {}).get(ref.idnum)
    if offset is None:
        return False
    found = _OBJ_HEADER_RE.match(_peek(source, int(offset), 64))
    return bool(found and found.group(1) == b"[")


def _finish(writer: _Writer, trailer: Any, prev: int, kind: str) -> bytes:
    root = trailer.raw_get("/Root")
    info = _raw(trailer, "/Info")
    ids = trailer.get("/ID")
    first_id = _serialize(ids[0]) if ids else f"<{secrets.token_hex(16)}>".encode()
    id_part = b"/ID [" + first_id + f" <{secrets.token_hex(16)}>]".encode()
    common = f"/Root {root.idnum} {root.generation} R ".encode()
    if info is not None and hasattr(info, "idnum"):
        common += f"/Info {info.idnum} {info.generation} R ".encode()
    common += id_part + f" /Prev {prev}".encode()
    if kind == "table":
        xref_at = writer.base + writer.buf.tell()
        out = writer.buf
        out.write(b"xref\n")
        for start, run in _runs(sorted(writer.offsets)):
            out.write(f"{start} {len(run)}\n".encode())
            for number in run:
                offset, generation = writer.offsets[number]
                out.write(f"{offset:010d} {generation:05d} n\r\n".encode())
        out.write(
            f"trailer\n<< /Size {writer.next_number} ".encode()
            + common
            + b" >>\n"
            + f"startxref\n{xref_at}\n%%EOF\n".encode()
        )
        return out.getvalue()
    # The original uses a cross-reference stream: the update must use one too.
    number = writer.allocate()
    xref_at = writer.base + writer.buf.tell()
    writer.offsets[number] = (xref_at, 0)
    width = max(4, (xref_at.bit_length() + 7) // 8)
    rows = b""
    index: list[str] = []
    for start, run in _runs(sorted(writer.offsets)):
        index += [str(start), str(len(run))]
        for n in run:
            offset, generation = writer.offsets[n]
            rows += b"\x01" + offset.to_bytes(width, "big") + generation.to_bytes(2, "big")
    dictionary = (
        f"/Type /XRef /Size {writer.next_number} /W [1 {width} 2] /Index [{' '.join(index)}] "
    ).encode() + common
    writer.buf.write(
        f"{number} 0 obj\n<< ".encode()
        + dictionary
        + f" /Length {len(rows)} >>\nstream\n".encode()
        + rows
        + b"\nendstream\nendobj\n"
        + f"startxref\n{xref_at}\n%%EOF\n".encode()
    )
    return writer.buf.getvalue()


def _runs(numbers: list[int]) -> Iterator[tuple[int, list[int]]]:
    run: list[int] = []
    for number in numbers:
        if run and number != run[-1] + 1:
            yield run[0], run
            run = []
        run.append(number)
    if run:
        yield run[0], run


def _repair(source: IO[bytes], out: IO[bytes]) -> None:
    import pypdf
    from pypdf.errors import PyPdfError

    reader = _reader(source)
    try:
        writer = pypdf.PdfWriter(clone_from=reader)
        writer.write(out)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise MalformedDocument(params={"reason": "PDF structure unreadable"}) from exc
