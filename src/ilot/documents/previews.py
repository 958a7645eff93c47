"""Page previews: one PDF page or one image rendered to PNG/WebP at a given width, cached.

Rendering is page by page: pdfium loads only the page asked for (and the objects it uses),
Pillow decodes JPEGs at a reduced scale when the target is small. Widths are snapped to a
few steps (`PREVIEW_WIDTHS`) so the cache, keyed by (sha256, page, width, format) under
`previews/ab/cd/<sha256>/`, stays bounded whatever widths browsers ask for. Previews are
small (a few hundred kB), so they are handled as bytes.

Page numbers are 1-based, as shown to users and used in URLs.
"""

from __future__ import annotations

import enum
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from PIL import Image, ImageOps

from ilot.documents.blobs import check_sha256
from ilot.documents.exceptions import MalformedDocument, PreviewUnavailable
from ilot.documents.filetypes import FileKind
from ilot.documents.inspection import (
    DEFAULT_MAX_PIXELS,
    PDFIUM_LOCK,
    inspect_image,
)

PREVIEW_WIDTHS: tuple[int, ...] = (128, 256, 512, 768, 1024, 1536, 2048)
THUMBNAIL_WIDTH = 256
MAX_PREVIEW_PIXELS = 2048 * 2048 * 4
"""A very tall page (a long plan) is rendered narrower rather than as a giant bitmap."""
PREVIEWABLE_KINDS = frozenset({FileKind.PDF, FileKind.PNG, FileKind.JPEG, FileKind.TIFF})


class PreviewFormat(enum.StrEnum):
    PNG = "png"
    WEBP = "webp"

    @property
    def content_type(self) -> str:
        return f"image/{self.value}"


@dataclass(frozen=True)
class Preview:
    """A rendered page image and where it is cached."""

    data: bytes
    format: PreviewFormat
    width: int
    height: int
    name: str | None = None

    @property
    def content_type(self) -> str:
        return self.format.content_type


def snap_width(width: int) -> int:
    """The smallest supported width >= `width` (the largest if beyond)."""
    if width <= 0:
        raise PreviewUnavailable(params={"reason": "width must be positive"})
    for step in PREVIEW_WIDTHS:
        if step >= width:
            return step
    return PREVIEW_WIDTHS[-1]


def _source_arg(source: IO[bytes] | bytes | str | Path) -> IO[bytes] | str:
    if isinstance(source, bytes | bytearray):
        return io.BytesIO(source)
    if isinstance(source, Path):
        return str(source)
    return source


def _encode(image: Image.Image, fmt: PreviewFormat) -> Preview:
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    buf = io.BytesIO()
    if fmt is PreviewFormat.WEBP:
        image.save(buf, "WEBP", quality=80, method=4)
    else:
        image.save(buf, "PNG", optimize=False, compress_level=6)
    return Preview(data=buf.getvalue(), format=fmt, width=image.width, height=image.height)


def render_pdf_page(
    source: IO[bytes] | bytes | str | Path,
    *,
    page: int = 1,
    width: int = THUMBNAIL_WIDTH,
    fmt: PreviewFormat = PreviewFormat.PNG,
) -> Preview:
    """Render page `page` (1-based) of a PDF at `width` pixels (not snapped here).

    Encrypted PDFs have no preview (`PreviewUnavailable`), by product decision.
    """
    src = _source_arg(source)
    with PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(src)
        except pdfium.PdfiumError as exc:
            if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
                raise PreviewUnavailable(params={"reason": "the PDF is encrypted"}) from exc
            raise MalformedDocument(params={"reason": "PDF structure unreadable"}) from exc
        try:
            if _is_encrypted(doc):
                raise PreviewUnavailable(params={"reason": "the PDF is encrypted"})
            if not 1 <= page <= len(doc):
                raise PreviewUnavailable(params={"reason": f"no page {page}"})
            pdf_page = doc[page - 1]
            try:
                # pdfium reports the size as displayed, /Rotate already applied.
                page_w, page_h = pdf_page.get_size()
                if page_w <= 0 or page_h <= 0:
                    raise MalformedDocument(params={"reason": "page has no size"})
                scale = width / page_w
                if (width * page_h * scale) > MAX_PREVIEW_PIXELS:
                    scale = (MAX_PREVIEW_PIXELS / (page_w * page_h)) ** 0.5
                bitmap = pdf_page.render(scale=scale, may_draw_forms=True)
                try:
                    image = bitmap.to_pil()
                    # to_pil() may share the bitmap's buffer: copy before it is freed.
                    image = image.copy()
                finally:
                    bitmap.close()
            finally:
                pdf_page.close()
        finally:
            doc.close()
    return _encode(image, fmt)


def _is_encrypted(doc: pdfium.PdfDocument) -> bool:
    # FPDF_GetSecurityHandlerRevision is -1 for unencrypted documents.
    return int(pdfium_c.FPDF_GetSecurityHandlerRevision(doc)) != -1


def render_image(
    source: IO[bytes] | bytes | str | Path,
    *,
    page: int = 1,
    width: int = THUMBNAIL_WIDTH,
    fmt: PreviewFormat = PreviewFormat.PNG,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> Preview:
    """Render an image (frame `page` of a multi-page TIFF) at most `width` wide.

    Never enlarges; EXIF orientation applied; decompression bombs refused first.
    """
    src = _source_arg(source)
    report = inspect_image(src if not isinstance(src, str) else Path(src), max_pixels=max_pixels)
    if not 1 <= page <= report.frames:
        raise PreviewUnavailable(params={"reason": f"no page {page}"})
    if isinstance(src, str):
        with open(src, "rb") as fh:
            return _render_image_file(fh, page, width, fmt)
    src.seek(0)
    return _render_image_file(src, page, width, fmt)


def _render_image_file(fh: IO[bytes], page: int, width: int, fmt: PreviewFormat) -> Preview:
    try:
        with Image.open(fh) as img:
            if page > 1:
                img.seek(page - 1)
            if img.format == "JPEG":
                # Decode at the smallest DCT scale still >= width in *both* dimensions:
                # EXIF rotation may yet turn the height into the displayed width.
                img.draft("RGB", (width, width))
            frame = ImageOps.exif_transpose(img) or img
            frame.thumbnail((width, frame.height * 10), Image.Resampling.LANCZOS)
            return _encode(frame, fmt)
    except (OSError, ValueError, SyntaxError) as exc:
        raise MalformedDocument(params={"reason": "image data is damaged"}) from exc


def render_preview(
    source: IO[bytes] | bytes | str | Path,
    kind: FileKind,
    *,
    page: int = 1,
    width: int = THUMBNAIL_WIDTH,
    fmt: PreviewFormat = PreviewFormat.PNG,
) -> Preview:
    """Render a page of any previewable kind (PDF, PNG, JPEG, TIFF)."""
    if kind is FileKind.PDF:
        return render_pdf_page(source, page=page, width=width, fmt=fmt)
    if kind in PREVIEWABLE_KINDS:
        return render_image(source, page=page, width=width, fmt=fmt)
    raise PreviewUnavailable(params={"reason": f"no preview for {kind.value.upper()} files"})


class PreviewCache:
    """Rendered previews in the storage area `previews/`, keyed by content, page and width."""

    def __init__(self, storage: Storage | None = None, *, prefix: str = "previews") -> None:
        self._storage = storage
        self.prefix = prefix

    @property
    def storage(self) -> Storage:
        if self._storage is None:
            from django.core.files.storage import storages

            self._storage = storages["default"]
        return self._storage

    def folder(self, sha256: str) -> str:
        check_sha256(sha256)
        return f"{self.prefix}/{sha256[:2]}/{sha256[2:4]}/{sha256}"

    def name(self, sha256: str, *, page: int, width: int, fmt: PreviewFormat) -> str:
        return f"{self.folder(sha256)}/p{int(page)}-w{int(width)}.{fmt.value}"

    def get_or_render(
        self,
        sha256: str,
        *,
        page: int,
        width: int,
        fmt: PreviewFormat,
        render: Callable[[int], Preview],
    ) -> Preview:
        """The cached preview, or `render(snapped_width)` stored then returned.

        Errors (encrypted, damaged) are not cached: they are cheap to recompute and a
        cached failure would outlive a fix in the renderer.
        """
        snapped = snap_width(width)
        name = self.name(sha256, page=page, width=snapped, fmt=fmt)
        storage = self.storage
        if storage.exists(name):
            with storage.open(name, "rb") as fh:
                data = fh.read()
            with Image.open(io.BytesIO(data)) as img:
                w, h = img.size
            return Preview(data=data, format=fmt, width=w, height=h, name=name)
        preview = render(snapped)
        saved = storage.save(name, ContentFile(preview.data))
        if saved != name:
            # A concurrent request cached the same preview first; keep one copy.
            storage.delete(saved)
        return Preview(preview.data, preview.format, preview.width, preview.height, name)

    def thumbnail(self, sha256: str, kind: FileKind, opener: Callable[[], IO[bytes]]) -> Preview:
        """First-page WebP thumbnail, cached; `opener` gives the blob (e.g. `store.open`)."""

        def render(width: int) -> Preview:
            with opener() as fh:
                return render_preview(fh, kind, page=1, width=width, fmt=PreviewFormat.WEBP)

        return self.get_or_render(
            sha256, page=1, width=THUMBNAIL_WIDTH, fmt=PreviewFormat.WEBP, render=render
        )

    def purge(self, sha256: str) -> int:
        """Delete every cached preview of a blob (when it is purged); returns how many."""
        folder = self.folder(sha256)
        try:
            _, files = self.storage.listdir(folder)
        except FileNotFoundError:
            return 0
        for filename in files:
            self.storage.delete(f"{folder}/{filename}")
        return len(files)
